import { and, asc, desc, eq, gt, lt, type SQL, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { passengers } from "../../db/schema";
import type { KeyValue, OrderKey } from "./people.order";

// Keyset paging: a page starts from the position of a row (its values of the order's
// columns) rather than after skipping rows, so any depth costs one index descent.

/** The direction a page reads each column in: a backward page (`prev`, `last`) flips them all. */
function readsDescending(key: OrderKey, backward: boolean): boolean {
	return key.descending !== backward;
}

/** ORDER BY of a page read in the given direction; every sort has an index that serves it. */
export function scanOrder(keys: OrderKey[], backward: boolean): SQL[] {
	return keys.map((key) => (readsDescending(key, backward) ? desc : asc)(passengers[key.field]));
}

/**
 * The same order for the union of the parts below, naming the output columns (a union's
 * ORDER BY cannot name table columns).
 */
export function unionOrder(keys: OrderKey[], backward: boolean): SQL[] {
	return keys.map(
		(key) =>
			sql`${sql.identifier(toSnakeCase(key.field))} ${sql.raw(readsDescending(key, backward) ? "desc" : "asc")}`,
	);
}

/**
 * The rows past `at` in reading order, as one condition per part: (a > x) or (a = x and
 * b > y) becomes two parts, `a = x and b > y` and `a > x`. Each part is a range of one
 * index even where a and b run in opposite directions (`-age`, ties by insertion), which a
 * row comparison cannot express; the page is the union of the parts, merged in order.
 */
export function partsAfter(keys: OrderKey[], at: KeyValue[], backward: boolean): SQL[] {
	return keys.map((key, i) => {
		const equalBefore = keys
			.slice(0, i)
			.map((earlier, j) => eq(passengers[earlier.field], at[j] as KeyValue));
		const beyond = readsDescending(key, backward) ? lt : gt;
		return and(...equalBefore, beyond(passengers[key.field], at[i] as KeyValue)) as SQL;
	});
}
