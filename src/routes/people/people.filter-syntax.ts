// The list's field filters in PostgREST's operator syntax (`age=gte.18&age=lt.30`,
// `passengerClass=in.(1,2)`), read into one normal form per field: the values a field may
// take, or the bounds of its range. Everything given for a field must hold at once, except
// that several bare values (PostgREST has none: ours mean equality) name one set together,
// as an HTML form's checkboxes send them.
import { SEXES } from "../../db/rules";

const OPERATORS = ["eq", "gt", "gte", "lt", "lte", "in"] as const;
type Operator = (typeof OPERATORS)[number];
const SET_OPERATORS: readonly Operator[] = ["eq", "in"];

export interface Bound {
	value: number;
	inclusive: boolean;
}
/** A field's filter: the values it may take, or the bounds it lies within. */
export interface FieldFilter<V> {
	values?: V[];
	min?: Bound;
	max?: Bound;
}

export interface Kind<V> {
	/** How a value is written, for messages and the OpenAPI pattern. */
	says: string;
	pattern: string;
	read: (text: string) => V | undefined;
	/** Every value there is, for a field with few; ranges over it become sets. */
	domain?: readonly V[];
	/** Whether ranges apply; then values are numbers. */
	ordered: boolean;
	whole?: boolean;
}

// At most nine digits either side of the point: every value a field can hold, and every
// number reads back as written (no 1e+24 in a link).
const decimal: Kind<number> = {
	says: "a number such as 18 or 0.42",
	pattern: "\\d{1,9}(\\.\\d{1,9})?",
	read: (text) => (/^\d{1,9}(\.\d{1,9})?$/.test(text) ? Number(text) : undefined),
	ordered: true,
};
const whole: Kind<number> = {
	...decimal,
	says: "a whole number",
	pattern: "\\d{1,9}",
	read: (text) => (/^\d{1,9}$/.test(text) ? Number(text) : undefined),
	whole: true,
};
const word = <V extends string | boolean>(values: readonly V[]): Kind<V> => ({
	says: `one of ${values.join(", ")}`,
	pattern: `(${values.join("|")})`,
	read: (text) => values.find((value) => String(value) === text),
	domain: values,
	ordered: false,
});

/** The filterable fields and what their values are. */
export const FILTER_KINDS = {
	survived: word([true, false] as const),
	passengerClass: { ...whole, says: "1, 2 or 3", domain: [1, 2, 3] },
	sex: word(SEXES),
	age: decimal,
	fare: decimal,
	siblingsOrSpousesAboard: whole,
	parentsOrChildrenAboard: whole,
};
export type FilterField = keyof typeof FILTER_KINDS;
export const FILTER_FIELDS = Object.keys(FILTER_KINDS) as FilterField[];
export type ValueOf<F extends FilterField> = NonNullable<ReturnType<(typeof FILTER_KINDS)[F]["read"]>>;
export const operatorsOf = (kind: Kind<unknown>) => (kind.ordered ? OPERATORS : SET_OPERATORS);

/** The tighter of two lower (`min`) or two upper bounds. */
function tighter(current: Bound | undefined, next: Bound, min: boolean): Bound {
	if (!current || current.value !== next.value) {
		return !current || (min ? next.value > current.value : next.value < current.value) ? next : current;
	}
	return { value: next.value, inclusive: current.inclusive && next.inclusive };
}

const within = (value: number, min?: Bound, max?: Bound) =>
	(!min || value > min.value || (min.inclusive && value === min.value)) &&
	(!max || value < max.value || (max.inclusive && value === max.value));

/** A whole-number field's bounds as inclusive whole numbers: gt.1 is gte.2, lt.2.5 is lte.2. */
function wholeBound(bound: Bound, min: boolean): Bound {
	const value = min
		? bound.inclusive
			? Math.ceil(bound.value)
			: Math.floor(bound.value) + 1
		: bound.inclusive
			? Math.floor(bound.value)
			: Math.ceil(bound.value) - 1;
	return { value, inclusive: true };
}

/** One condition (`gte.18`, `in.(1,2)`, a bare `18`) read: its operator and values, or why it cannot be. */
function readCondition<V>(kind: Kind<V>, text: string): { operator?: Operator; values: V[] } | string {
	const [, operator, operand] = /^([a-z]+)\.(.*)$/s.exec(text) ?? [undefined, undefined, text];
	if (operator !== undefined && !operatorsOf(kind).includes(operator as Operator)) {
		return `${text}: the operator is one of ${operatorsOf(kind).join(", ")}`;
	}
	const items = operator === "in" ? /^\((.*)\)$/s.exec(operand)?.[1]?.split(",") : [operand];
	if (!items) return `${text}: in takes a list in parentheses, such as in.(1,2)`;
	if (operator === "in" && items.join("") === "") return `${text}: the list names no value`;
	// A set names the field's own values; a bound may lie anywhere (passengerClass=gte.4 matches nothing).
	const bound = operator !== undefined && !SET_OPERATORS.includes(operator as Operator);
	const fits = (value: V) => bound || !kind.domain || kind.domain.includes(value);
	const values = items
		.map((item) => kind.read(item))
		.map((value) => (value !== undefined && fits(value) ? value : undefined));
	const bad = items.find((_, i) => values[i] === undefined);
	if (bad !== undefined) return `${operator ? `${text}: ` : ""}${bad || "(empty)"} is not ${kind.says}`;
	return { operator: operator as Operator | undefined, values: values as V[] };
}

/** The normal form of one field's conditions, or a message saying why they cannot be read or match nothing. */
export function readField<V>(kind: Kind<V>, raw: string[]): FieldFilter<V> | undefined | string {
	const sets: V[][] = [];
	const bare: V[] = [];
	let min: Bound | undefined;
	let max: Bound | undefined;
	for (const text of raw) {
		const read = readCondition(kind, text);
		if (typeof read === "string") return read;
		const { operator, values } = read;
		if (operator === undefined) bare.push(...values);
		else if (SET_OPERATORS.includes(operator)) sets.push(values);
		else {
			const limit = { value: values[0] as number, inclusive: operator.endsWith("e") };
			if (operator.startsWith("g")) min = tighter(min, limit, true);
			else max = tighter(max, limit, false);
		}
	}
	if (bare.length) sets.push(bare);
	if (kind.whole) {
		min = min && wholeBound(min, true);
		max = max && wholeBound(max, false);
	}
	const candidates = kind.domain ? [kind.domain, ...sets] : sets;
	if (candidates.length === 0) {
		const empty =
			min && max && (min.value > max.value || (min.value === max.value && !(min.inclusive && max.inclusive)));
		if (empty) return "no value lies in this range";
		return min || max ? { min, max } : undefined;
	}
	const [first, ...others] = candidates as V[][];
	const values = [...new Set(first)].filter(
		(value) => others.every((set) => set.includes(value)) && within(value as number, min, max),
	);
	if (values.length === 0) return "no value satisfies all of these";
	return kind.domain && values.length === kind.domain.length ? undefined : { values };
}

/** A filter as query parameters again, in one spelling: the links and forms carry it so. */
export function filterQuery(filter: FieldFilter<unknown> | undefined): string[] {
	if (!filter) return [];
	const { values, min, max } = filter;
	if (values) return values.length === 1 ? [String(values[0])] : [`in.(${values.join(",")})`];
	return [
		...(min ? [`${min.inclusive ? "gte" : "gt"}.${min.value}`] : []),
		...(max ? [`${max.inclusive ? "lte" : "lt"}.${max.value}`] : []),
	];
}
