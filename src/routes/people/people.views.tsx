import type { Person } from "../../db/person.schemas";
import { SEXES } from "../../db/rules";
import { Layout } from "../../lib/html-layout";
import type { PageLinks } from "../../lib/pagination";
import type { Total } from "./people.count";
import type { ListQuery } from "./people.query";

function Choice({
	name,
	label,
	options,
	selected,
}: {
	name: string;
	label: string;
	options: string[];
	selected?: string;
}) {
	return (
		<label>
			{label}
			<select name={name}>
				<option value="">any</option>
				{options.map((option) => (
					<option value={option} selected={option === selected}>
						{option}
					</option>
				))}
			</select>
		</label>
	);
}

function Filters({ query }: { query: ListQuery }) {
	return (
		<form class="filters" method="get" action="/people">
			<label>
				Name contains
				<input type="search" name="q" value={query.q ?? ""} maxlength={100} />
			</label>
			<Choice
				name="survived"
				label="Survived"
				options={["true", "false"]}
				selected={query.survived?.toString()}
			/>
			<Choice
				name="passengerClass"
				label="Class"
				options={["1", "2", "3"]}
				selected={query.passengerClass?.toString()}
			/>
			<Choice name="sex" label="Sex" options={[...SEXES]} selected={query.sex} />
			<input type="hidden" name="limit" value={String(query.limit)} />
			{query.sort && <input type="hidden" name="sort" value={query.sort} />}
			<button type="submit">Filter</button>
		</form>
	);
}

function Pages({ links }: { links: PageLinks }) {
	const labels = { first: "« First", prev: "‹ Previous", next: "Next ›", last: "Last »" } as const;
	return (
		<nav class="pages" aria-label="pages">
			{(Object.keys(labels) as (keyof typeof labels)[]).map((rel) =>
				links[rel] ? (
					<a href={links[rel]} rel={rel}>
						{labels[rel]}
					</a>
				) : (
					<span>{labels[rel]}</span>
				),
			)}
		</nav>
	);
}

/** "Showing 11–20 of 887": the position is known for offset pages; cursor pages show the count. */
function shown(people: Person[], query: ListQuery, total: Total): string {
	const of = total.mode === "exact" ? `of ${total.count}` : `of about ${total.count}`;
	if (query.page) return `Showing ${people.length} ${of}`;
	return `Showing ${query.offset + 1}–${query.offset + people.length} ${of}`;
}

export function PeoplePage(props: { people: Person[]; query: ListQuery; total: Total; links: PageLinks }) {
	const { people, query, total, links } = props;
	return (
		<Layout title="People">
			<h1>People</h1>
			<Filters query={query} />
			<p>
				{people.length > 0 ? shown(people, query, total) : `No people on this page (${total.count} match)`}
			</p>
			<table>
				<thead>
					<tr>
						<th>Name</th>
						<th>Survived</th>
						<th>Class</th>
						<th>Sex</th>
						<th>Age</th>
						<th>Siblings/spouses</th>
						<th>Parents/children</th>
						<th>Fare</th>
					</tr>
				</thead>
				<tbody>
					{people.map((p) => (
						<tr>
							<td>
								<a href={`/people/${p.uuid}`}>{p.name}</a>
							</td>
							<td>{p.survived ? "yes" : "no"}</td>
							<td class="num">{p.passengerClass}</td>
							<td>{p.sex}</td>
							<td class="num">{p.age}</td>
							<td class="num">{p.siblingsOrSpousesAboard}</td>
							<td class="num">{p.parentsOrChildrenAboard}</td>
							<td class="num">{p.fare}</td>
						</tr>
					))}
				</tbody>
			</table>
			<Pages links={links} />
		</Layout>
	);
}

export function PersonPage({ person }: { person: Person }) {
	return (
		<Layout title={person.name}>
			<h1>{person.name}</h1>
			<dl>
				<dt>Survived</dt>
				<dd>{person.survived ? "yes" : "no"}</dd>
				<dt>Passenger class</dt>
				<dd>{person.passengerClass}</dd>
				<dt>Sex</dt>
				<dd>{person.sex}</dd>
				<dt>Age</dt>
				<dd>{person.age}</dd>
				<dt>Siblings or spouses aboard</dt>
				<dd>{person.siblingsOrSpousesAboard}</dd>
				<dt>Parents or children aboard</dt>
				<dd>{person.parentsOrChildrenAboard}</dd>
				<dt>Fare</dt>
				<dd>£{person.fare}</dd>
				<dt>uuid</dt>
				<dd>
					<code>{person.uuid}</code>
				</dd>
			</dl>
			<p>
				<a href="/people">← All people</a>
			</p>
		</Layout>
	);
}
