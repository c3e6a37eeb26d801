import type { Person } from "../../db/person.schemas";
import { Layout } from "../../lib/html-layout";
import type { PageLinks } from "../../lib/pagination";
import type { Total } from "./people.count";
import { FILTER_FIELDS } from "./people.filter-syntax";
import { Filters, Pages } from "./people.filters";
import type { ListQuery } from "./people.query";
import type { Selection } from "./people.select";

/** "Showing 51–100 of 887", or, where the page's place is not known (deep in a million rows), "Showing 50 of about …". */
function shown(people: Person[], before: number | undefined, total: Total): string {
	const of = total.mode === "exact" ? `of ${total.count}` : `of about ${total.count}`;
	if (before === undefined) return `Showing ${people.length} ${of}`;
	return `Showing ${before + 1}–${before + people.length} ${of}`;
}

/** Pounds with pence, as the fares were paid. */
export const pounds = (fare: number) => `£${fare.toFixed(2)}`;

/** Why the page is empty, and what to do about it. */
function Empty({ query, total }: { query: ListQuery; total: Total }) {
	const filtered = query.q !== undefined || FILTER_FIELDS.some((field) => query[field] !== undefined);
	if (filtered) {
		return (
			<p class="empty">
				No one matches these filters. <a href="/people">Show everyone</a>
			</p>
		);
	}
	if (total.count > 0) {
		return (
			<p class="empty">
				This page is past the end of the list. <a href="/people">Back to the first page</a>
			</p>
		);
	}
	return (
		<p class="empty">
			No passengers are loaded yet. An operator loads them from the passenger CSV with{" "}
			<code>npm run db:load -- data/titanic.csv</code> (<code>DATABASE_URL</code> names the database); into
			the embedded database of <code>npm run dev</code>, with{" "}
			<code>npm run db:load -- --embedded data/titanic.csv</code>.
		</p>
	);
}

// The table's columns: the field each shows and sorts by, its heading, how it is written.
const COLUMNS = [
	["name", "Name", (p: Person) => <a href={`/people/${p.uuid}`}>{p.name}</a>],
	["survived", "Survived", (p: Person) => (p.survived ? "yes" : "no")],
	["passengerClass", "Class", (p: Person) => p.passengerClass],
	["sex", "Sex", (p: Person) => p.sex],
	["age", "Age", (p: Person) => p.age],
	["siblingsOrSpousesAboard", "Siblings/spouses", (p: Person) => p.siblingsOrSpousesAboard],
	["parentsOrChildrenAboard", "Parents/children", (p: Person) => p.parentsOrChildrenAboard],
	["fare", "Fare", (p: Person) => pounds(p.fare)],
] as const;
export const SORTABLE_COLUMNS = COLUMNS.map(([field]) => field);
const TEXT_COLUMNS = new Set(["name", "survived", "sex"]);

function Heading({
	field,
	label,
	query,
	href,
}: {
	field: string;
	label: string;
	query: ListQuery;
	href: string;
}) {
	const order = query.sort === field ? "ascending" : query.sort === `-${field}` ? "descending" : undefined;
	return (
		<th aria-sort={order}>
			<a href={href} title={`Sort by ${label.toLowerCase()}`}>
				{label}
				{order === "ascending" ? " ▲" : order === "descending" ? " ▼" : ""}
			</a>
		</th>
	);
}

export function PeoplePage(props: {
	people: Person[];
	query: ListQuery;
	/** How many matching people come before the page, when known. */
	before?: number;
	total: Total;
	links: PageLinks;
	sortLinks: Record<(typeof SORTABLE_COLUMNS)[number], string>;
	survivors?: { count: number; survived: number };
}) {
	const { people, query, before, total, links, sortLinks, survivors } = props;
	const columns = chosen(COLUMNS, query.select);
	if (people.length === 0) {
		return (
			<Layout title="People">
				<h1>People</h1>
				<Filters query={query} />
				<Empty query={query} total={total} />
			</Layout>
		);
	}
	return (
		<Layout title="People">
			<h1>People</h1>
			<Filters query={query} />
			<p>
				{shown(people, before, total)}.{" "}
				{survivors ? (
					`${survivors.survived} of ${survivors.count} survived, ${Math.round((100 * survivors.survived) / survivors.count)} %.`
				) : (
					<a href="/people/stats">Who survived</a>
				)}
			</p>
			<Pages links={links} />
			<div class="table">
				<table class="people">
					<thead>
						<tr>
							{columns.map(([field, label]) => (
								<Heading field={field} label={label} query={query} href={sortLinks[field]} />
							))}
						</tr>
					</thead>
					<tbody>
						{people.map((person) => (
							<tr>
								{columns.map(([field, label, cell]) => (
									// data-label: a phone shows each person as a card of labelled fields.
									<td class={TEXT_COLUMNS.has(field) ? undefined : "num"} data-label={label}>
										{cell(person)}
									</td>
								))}
							</tr>
						))}
					</tbody>
				</table>
			</div>
			<Pages links={links} />
		</Layout>
	);
}

// A person's page: the table's fields but the name (the heading), some labels written out, and the uuid.
const LONGER_LABELS: Record<string, string> = {
	passengerClass: "Passenger class",
	siblingsOrSpousesAboard: "Siblings or spouses aboard",
	parentsOrChildrenAboard: "Parents or children aboard",
};
const DETAILS = [
	...COLUMNS.filter(([field]) => field !== "name").map(
		([field, label, value]) => [field, LONGER_LABELS[field] ?? label, value] as const,
	),
	["uuid", "uuid", (p: Person) => <code>{p.uuid}</code>] as const,
];

/** The entries of `all` that a selection keeps (all of them without one, or when it keeps none). */
function chosen<T extends readonly [string, ...unknown[]]>(
	all: readonly T[],
	selection?: Selection,
): readonly T[] {
	const kept = all.filter(([field]) => !selection || (selection as string[]).includes(field));
	return kept.length ? kept : all;
}

export function PersonPage({ person, selection }: { person: Person; selection?: Selection }) {
	return (
		<Layout title={person.name}>
			<h1>{person.name}</h1>
			<dl>
				{chosen(DETAILS, selection).map(([, label, value]) => (
					<>
						<dt>{label}</dt>
						<dd>{value(person)}</dd>
					</>
				))}
			</dl>
			<p>
				<a href="/people">← All people</a>
			</p>
		</Layout>
	);
}
