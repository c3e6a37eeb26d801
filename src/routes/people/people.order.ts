import { z } from "@hono/zod-openapi";
import { type Person, personFieldNames, personSchema } from "../../db/person.schemas";

/** `sort` values: any field, `-` first for descending. */
export const SORT_KEYS = personFieldNames.flatMap((field) => [field, `-${field}`]) as [string, ...string[]];

/** A row's value of an order column: what a cursor carries. */
export type KeyValue = string | number | boolean;

/** A column of a list's order: a person field, or `id`, the insertion order that breaks ties. */
export interface OrderKey {
	field: keyof Person | "id";
	descending: boolean;
}

/**
 * The total order of a list: the sort field, then insertion order for ties (ascending in
 * both directions, so equal values keep the CSV's order). uuid is unique and needs no
 * tie-breaker. Without a sort, insertion order.
 */
export function orderKeys(sort: string | undefined): OrderKey[] {
	if (!sort) return [{ field: "id", descending: false }];
	const descending = sort.startsWith("-");
	const field = (descending ? sort.slice(1) : sort) as keyof Person;
	if (field === "uuid") return [{ field, descending }];
	return [
		{ field, descending },
		{ field: "id", descending: false },
	];
}

const idSchema = z
	.int()
	.min(1)
	.max(2 ** 31 - 1);

/** Checks the values of a position against the order's columns, with the API's own field rules. */
export function isPositionIn(keys: OrderKey[], values: KeyValue[]): boolean {
	return (
		values.length === keys.length &&
		keys.every(
			({ field }, i) => (field === "id" ? idSchema : personSchema.shape[field]).safeParse(values[i]).success,
		)
	);
}

/** The position of a row in the order: its values of the order's columns. */
export function positionOf(keys: OrderKey[], row: Person & { id: number }): KeyValue[] {
	return keys.map(({ field }) => row[field]);
}
