// The list page's filter form and paging links.
import { SEXES } from "../../db/rules";
import type { PageLinks } from "../../lib/pagination";
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

type FilterValues = Pick<ListQuery, "q" | "survived" | "passengerClass" | "sex"> &
	Partial<Pick<ListQuery, "limit" | "sort">>;

/** The filter form of the list, or (`action`) of the statistics, which take the same filters. */
export function Filters({ query, action = "/people" }: { query: FilterValues; action?: string }) {
	return (
		<form class="filters" method="get" action={action}>
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
			{query.limit !== undefined && <input type="hidden" name="limit" value={String(query.limit)} />}
			{query.sort && <input type="hidden" name="sort" value={query.sort} />}
			<button type="submit">Filter</button>
		</form>
	);
}

/** Paging links; on the first page First is no link, nor Last on the last. */
export function Pages({ links }: { links: PageLinks }) {
	const labels = { first: "« First", prev: "‹ Previous", next: "Next ›", last: "Last »" } as const;
	const here = { first: !links.prev, prev: false, next: false, last: !links.next };
	return (
		<nav class="pages" aria-label="pages">
			{(Object.keys(labels) as (keyof typeof labels)[]).map((rel) =>
				links[rel] && !here[rel] ? (
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
