import { and, eq, gt, gte, ilike, inArray, lt, lte, not, or, type SQL, sql } from "drizzle-orm";
import { type AnyPgColumn, unionAll } from "drizzle-orm/pg-core";
import type { Person } from "../../db/person.schemas";
import { passengers } from "../../db/schema";
import type { DbState } from "../../lib/bookmark";
import type { Db } from "../../lib/db";
import { readWithState } from "../../lib/db-state";
import { type CountMode, countQueries, EXACT_COUNT_LIMIT, type Total } from "./people.count";
import { FILTER_FIELDS, type FieldFilter, type FilterField } from "./people.filter-syntax";
import { partsAfter, scanOrder, unionOrder } from "./people.keyset";
import { type KeyValue, orderKeys, positionOf } from "./people.order";
import type { FilterQuery, ListQuery } from "./people.query";
import { personColumns } from "./people.repository";

/** The fields the statistics' tallies count people by (schema.ts). */
export const TALLIED_FIELDS = ["survived", "passengerClass", "sex", "age"] as const satisfies FilterField[];
type TalliedField = (typeof TALLIED_FIELDS)[number];

/** A table with the columns the tallies share with the people: the statistics filter them alike. */
type TalliedColumns = Record<TalliedField, AnyPgColumn>;

/** The filters of the fields the statistics' tallies have too, on `table`'s columns. */
export function talliedFilters(query: Pick<FilterQuery, TalliedField>, table: TalliedColumns = passengers) {
	return and(...TALLIED_FIELDS.map((field) => fieldCondition(table[field], query[field])));
}

function fieldCondition(column: AnyPgColumn, filter: FieldFilter<unknown> | undefined): SQL | undefined {
	if (!filter) return undefined;
	const { values, min, max } = filter;
	if (values) return values.length === 1 ? eq(column, values[0]) : inArray(column, values);
	return and(
		min && (min.inclusive ? gte(column, min.value) : gt(column, min.value)),
		max && (max.inclusive ? lte(column, max.value) : lt(column, max.value)),
	);
}

/** The list's filters (the statistics take the same). */
export function filters(query: FilterQuery): SQL | undefined {
	return and(
		...FILTER_FIELDS.map((field) => fieldCondition(passengers[field], query[field])),
		// ILIKE, which the trigram index serves; % _ and \ in the search are escaped to be literal.
		query.q === undefined ? undefined : ilike(passengers.name, `%${query.q.replace(/[\\%_]/g, "\\$&")}%`),
	);
}

export interface PeoplePage {
	people: Person[];
	/** Positions of the page's first and last rows, for the cursors of the links. */
	first?: KeyValue[];
	last?: KeyValue[];
	/** Whether rows follow the page in reading order (after it; before it for a backward page). */
	more: boolean;
	total: Total;
	/** How many of the matching people survived, when asked and at most EXACT_COUNT_LIMIT match. */
	survivors?: { count: number; survived: number };
	/** How many matching rows come before the page, when asked and known (see rowsInFront). */
	before?: number;
	/** The state of the database the page shows. */
	state: DbState;
}

/** Up to this many rows in front of a cursor page are counted to say where it is: a few milliseconds. */
export const POSITION_LIMIT = 10_000;

/**
 * The count of matching rows in front of a cursor page, capped at POSITION_LIMIT + 1: those
 * up to and including the cursor's row for a page after it, those before it for a page
 * before it (the page's own rows are then taken off). None for an offset page, whose
 * position is its offset, or for the last page, which the total places.
 */
function rowsInFront(db: Db, query: ListQuery, where: SQL | undefined) {
	const at = query.page?.at;
	if (!at) return [];
	const keys = orderKeys(query.sort);
	const backward = query.page?.before ?? false;
	const inFront = backward
		? or(...partsAfter(keys, at, true))
		: not(or(...partsAfter(keys, at, false)) as SQL);
	const rows = db
		.select({ one: sql`1` })
		.from(passengers)
		.where(and(where, inFront))
		.limit(POSITION_LIMIT + 1)
		.as("in_front");
	return [db.select({ n: sql<number>`count(*)::int` }).from(rows)];
}

/** Where the page starts: from the count in front of it, or, for the last page, from an exact total. */
function rowsBefore(query: ListQuery, shown: number, total: Total, counted?: { n: number }[]) {
	const n = counted?.[0]?.n;
	if (n !== undefined) return n > POSITION_LIMIT ? undefined : query.page?.before ? n - shown : n;
	if (query.page?.before && total.mode === "exact") return total.count - shown;
	return undefined;
}

/**
 * How many of the people matching `where` survived, read from at most one row more than
 * EXACT_COUNT_LIMIT: the cost stays bounded at any table size, and a count over the limit
 * says only that there are more.
 */
function survivorsOf(db: Db, where: SQL | undefined) {
	const matches = db
		.select({ survived: passengers.survived })
		.from(passengers)
		.where(where)
		.limit(EXACT_COUNT_LIMIT + 1)
		.as("matches");
	return db
		.select({
			count: sql<number>`count(*)::int`,
			survived: sql<number>`(count(*) filter (where ${matches.survived}))::int`,
		})
		.from(matches);
}

/**
 * A page of people and their total, in one batch (`db` made with `reads`). A page starts at
 * an offset or at a keyset position; one row more than the limit is read to tell whether
 * another page follows.
 */
export async function listPeople(
	db: Db,
	query: ListQuery,
	countMode: CountMode,
	options: { survivors?: boolean; position?: boolean } = {},
): Promise<PeoplePage> {
	const where = filters(query);
	const keys = orderKeys(query.sort);
	const backward = query.page?.before ?? false;
	const at = query.page?.at;
	const part = (condition?: SQL) =>
		db
			.select({ id: passengers.id, ...personColumns })
			.from(passengers)
			.where(and(where, condition))
			.orderBy(...scanOrder(keys, backward))
			.limit(query.limit + 1);
	const parts = at ? partsAfter(keys, at, backward).map(part) : [part().offset(query.offset)];
	const [first, second] = parts as [ReturnType<typeof part>, ReturnType<typeof part>?];
	const page = second
		? unionAll(first, second)
				.orderBy(...unionOrder(keys, backward))
				.limit(query.limit + 1)
		: first;
	const count = countQueries(db, where, countMode);
	const survivors = options.survivors ? [survivorsOf(db, where)] : [];
	const inFront = options.position ? rowsInFront(db, query, where) : [];
	const {
		results: [rows, ...rest],
		state,
	} = await readWithState(db, [page, ...count.queries, ...survivors, ...inFront] as [typeof page]);
	const counted = rest.slice(0, count.queries.length);
	const [tally] = (survivors.length ? rest[count.queries.length] : []) as {
		count: number;
		survived: number;
	}[];
	const front = (inFront.length ? rest.at(-1) : undefined) as { n: number }[] | undefined;
	const more = rows.length > query.limit;
	const inOrder = rows.slice(0, query.limit);
	if (backward) inOrder.reverse();
	const total = count.read(counted as never);
	return {
		people: inOrder.map(({ id: _id, ...person }) => person as Person),
		first: inOrder[0] && positionOf(keys, inOrder[0] as Person & { id: number }),
		last: inOrder.at(-1) && positionOf(keys, inOrder.at(-1) as Person & { id: number }),
		more,
		total,
		survivors: tally && tally.count <= EXACT_COUNT_LIMIT ? tally : undefined,
		before: query.page ? rowsBefore(query, inOrder.length, total, front) : query.offset,
		state,
	};
}
