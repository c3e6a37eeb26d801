import { z } from "@hono/zod-openapi";
import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { passengerAgeTallies, passengers } from "../../db/schema";
import type { DbState } from "../../lib/bookmark";
import type { Db } from "../../lib/db";
import { readWithState } from "../../lib/db-state";
import { FILTER_FIELDS } from "./people.filter-syntax";
import { filters, TALLIED_FIELDS, talliedFilters } from "./people.list";
import type { StatsQuery } from "./people.query";

const tally = { count: z.int(), survived: z.int(), survivalRate: z.number().min(0).max(1) };

export const statsSchema = z
	.object({
		total: z.object(tally),
		groups: z.array(
			z.object({
				passengerClass: z.int().optional(),
				sex: z.string().optional(),
				ageBand: z.int().optional().openapi({ description: "The decade: 20 means ages 20 to under 30." }),
				...tally,
			}),
		),
	})
	.openapi("Stats", {
		example: {
			total: { count: 314, survived: 233, survivalRate: 0.742 },
			groups: [{ passengerClass: 1, count: 94, survived: 91, survivalRate: 0.968 }],
		},
	});
export type Stats = z.infer<typeof statsSchema>;

const rate = (survived: number, count: number) => (count ? Math.round((survived / count) * 1000) / 1000 : 0);

/**
 * Statistics that the tallies cannot answer (a name search, a filter of fare or relatives) count at most this many matches: such a filter can match most of the table, and
 * counting a million people takes seconds. Past it the answer is a 422 asking for narrower
 * filters; from the tallies, any table size is answered.
 */
export const STATS_SEARCH_LIMIT = 10_000;

/** The decade of an age: 20 means 20 to under 30. */
const ageBandOf = (age: AnyPgColumn) => sql<number>`(floor(${age} / 10) * 10)::int`.as("age_band");

/** Whether the tallies can answer: no name search, and no filter of a field they do not keep. */
const countsTallies = (query: StatsQuery) =>
	query.q === undefined &&
	FILTER_FIELDS.every(
		(field) => query[field] === undefined || (TALLIED_FIELDS as readonly string[]).includes(field),
	);

/**
 * What the figures are counted from, as rows of the dimensions and how many people each
 * stands for: the tallies that the writes keep (schema.ts), a few hundred rows at any table
 * size, where they can answer; else the matching people, at most `searchLimit` + 1.
 */
function countedRows(db: Db, query: StatsQuery, searchLimit: number) {
	if (countsTallies(query)) {
		const t = passengerAgeTallies;
		return db
			.select({
				survived: t.survived,
				passengerClass: t.passengerClass,
				sex: t.sex,
				ageBand: ageBandOf(t.age),
				people: t.people,
			})
			.from(t)
			.where(talliedFilters(query, t))
			.as("counted");
	}
	return db
		.select({
			survived: passengers.survived,
			passengerClass: passengers.passengerClass,
			sex: passengers.sex,
			ageBand: ageBandOf(passengers.age),
			people: sql<number>`1`.as("people"),
		})
		.from(passengers)
		.where(filters(query))
		.limit(searchLimit + 1)
		.as("counted");
}

/**
 * The statement for survival counts of the people matching the filters, in total and per
 * group: GROUPING SETS yields the grand total and the groups together. `readStats` turns its
 * rows into the answer.
 */
export function statsStatement(db: Db, query: StatsQuery, searchLimit = STATS_SEARCH_LIMIT) {
	const counted = countedRows(db, query, searchLimit);
	const dims = query.groupBy.map((name) => sql`${counted[name]}`);
	const keys = Object.fromEntries(query.groupBy.map((name, i) => [name, dims[i] as SQL]));
	const grouping = dims.length ? sql`grouping(${sql.join(dims, sql`, `)})` : sql`1`;
	const sets = dims.length ? sql`grouping sets ((), (${sql.join(dims, sql`, `)}))` : sql`()`;
	return db
		.select({
			...keys,
			// Without groups, grouping is the constant 1: the one row is the total.
			isTotal: sql<boolean>`${grouping} <> 0`,
			count: sql<number>`coalesce(sum(${counted.people}), 0)::int`,
			survived: sql<number>`coalesce(sum(${counted.people}) filter (where ${counted.survived}), 0)::int`,
		})
		.from(counted)
		.groupBy(sets)
		.orderBy(...(dims.length ? dims : [sql`1`]));
}

type StatsRows = Awaited<ReturnType<typeof statsStatement>>;

/** The answer from statsStatement's rows; undefined when people were counted and more than `searchLimit` matched. */
export function readStats(
	rows: StatsRows,
	query: StatsQuery,
	searchLimit = STATS_SEARCH_LIMIT,
): Stats | undefined {
	const [total] = rows.filter((row) => row.isTotal);
	const count = total?.count ?? 0;
	const survived = total?.survived ?? 0;
	if (!countsTallies(query) && count > searchLimit) return undefined;
	return {
		total: { count, survived, survivalRate: rate(survived, count) },
		groups: rows
			.filter((row) => !row.isTotal)
			.map(({ isTotal: _, ...group }) => ({ ...group, survivalRate: rate(group.survived, group.count) })),
	};
}

/**
 * Survival counts in one round trip (`db` made with `reads`), and the state they show: see
 * statsStatement. `stats` is undefined when people were counted and more than `searchLimit` matched.
 */
export async function survivalStats(
	db: Db,
	query: StatsQuery,
	searchLimit = STATS_SEARCH_LIMIT,
): Promise<{ stats?: Stats; state: DbState }> {
	const {
		results: [rows],
		state,
	} = await readWithState(db, [statsStatement(db, query, searchLimit)]);
	return { stats: readStats(rows, query, searchLimit), state };
}

/** What a 422 says when the filters matched too many people to count. */
export const SEARCH_TOO_BROAD = `the name search or the filters of fare or relatives match more than ${STATS_SEARCH_LIMIT} people, more than statistics count; narrow them (a longer part of a name, a smaller range)`;
