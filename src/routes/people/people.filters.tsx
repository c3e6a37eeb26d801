// The list page's filter form and paging links.
import { SEXES } from "../../db/rules";
import type { PageLinks } from "../../lib/pagination";
import { type Bound, type FieldFilter, filterQuery } from "./people.filter-syntax";
import type { FilterQuery, ListQuery } from "./people.query";

/** Checkboxes of one field's values: those checked name a set (none checked: any). */
function Several<V extends string | number>({
	name,
	label,
	options,
	filter,
}: {
	name: string;
	label: string;
	options: readonly V[];
	filter?: FieldFilter<V>;
}) {
	return (
		<fieldset>
			<legend>{label}</legend>
			{options.map((option) => (
				<label>
					<input
						type="checkbox"
						name={name}
						value={String(option)}
						checked={filter?.values?.includes(option)}
					/>
					{option}
				</label>
			))}
		</fieldset>
	);
}

// Ages a reader picks a range by (children under 13, adults from 18, …).
const AGES = [1, 5, 13, 18, 30, 50, 65];

/** One end of the age range: a select whose values are PostgREST conditions (gte.18, lt.30). */
function AgeEnd({ label, bound, operator }: { label: string; bound?: Bound; operator: "gte" | "lt" }) {
	const current = bound && filterQuery(operator === "gte" ? { min: bound } : { max: bound })[0];
	const options = AGES.map((age) => `${operator}.${age}`);
	return (
		<label>
			{label}
			<select name="age">
				<option value="">any</option>
				{current && !options.includes(current) && <option selected>{current}</option>}
				{options.map((option) => (
					<option value={option} selected={option === current}>
						{option.slice(operator.length + 1)}
					</option>
				))}
			</select>
		</label>
	);
}

// Filters the form has no control for, carried along so that filtering again keeps them.
const CARRIED = ["fare", "siblingsOrSpousesAboard", "parentsOrChildrenAboard"] as const;

type FilterValues = FilterQuery & Partial<Pick<ListQuery, "limit" | "sort">>;

/** The filter form of the list, or (`action`) of the statistics, which take the same filters. */
export function Filters({ query, action = "/people" }: { query: FilterValues; action?: string }) {
	const survived = query.survived?.values?.[0];
	// An age given as a set (age=30) is no range: the form carries it along as it is.
	const range = query.age?.values ? undefined : query.age;
	return (
		<form class="filters" method="get" action={action}>
			<label>
				Name contains
				<input type="search" name="q" value={query.q ?? ""} maxlength={100} />
			</label>
			<label>
				Survived
				<select name="survived">
					<option value="">any</option>
					{["true", "false"].map((option) => (
						<option value={option} selected={String(survived) === option}>
							{option}
						</option>
					))}
				</select>
			</label>
			<Several name="passengerClass" label="Class" options={[1, 2, 3]} filter={query.passengerClass} />
			<Several name="sex" label="Sex" options={SEXES} filter={query.sex} />
			<AgeEnd label="Age from" operator="gte" bound={range?.min} />
			<AgeEnd label="Age under" operator="lt" bound={range?.max} />
			{[...CARRIED, ...(range ? [] : (["age"] as const))].flatMap((field) =>
				filterQuery(query[field]).map((value) => <input type="hidden" name={field} value={value} />),
			)}
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
