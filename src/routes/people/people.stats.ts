import { z } from "@hono/zod-openapi";
import { type SQL, sql } from "drizzle-orm";
import { passengers } from "../../db/schema";
import type { DbState } from "../../lib/bookmark";
import type { Db } from "../../lib/db";
import { readWithState } from "../../lib/db-state";
import { filters } from "./people.list";
import type { StatsGroup, StatsQuery } from "./people.query";

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

const DIMENSIONS: Record<StatsGroup, SQL> = {
	passengerClass: sql`${passengers.passengerClass}`,
	sex: sql`${passengers.sex}`,
	ageBand: sql`(floor(${passengers.age} / 10) * 10)::int`,
};

const rate = (survived: number, count: number) => (count ? Math.round((survived / count) * 1000) / 1000 : 0);

/**
 * The statement for survival counts of the people matching the filters, in total and per
 * group: GROUPING SETS yields the grand total and the groups together. `read` turns its
 * rows into the answer.
 */
export function statsStatement(db: Db, query: StatsQuery) {
	const dims = query.groupBy.map((name) => DIMENSIONS[name]);
	const keys = Object.fromEntries(query.groupBy.map((name, i) => [name, dims[i] as SQL]));
	const grouping = dims.length ? sql`grouping(${sql.join(dims, sql`, `)})` : sql`1`;
	const sets = dims.length ? sql`grouping sets ((), (${sql.join(dims, sql`, `)}))` : sql`()`;
	return db
		.select({
			...keys,
			// Without groups, grouping is the constant 1: the one row is the total.
			isTotal: sql<boolean>`${grouping} <> 0`,
			count: sql<number>`count(*)::int`,
			survived: sql<number>`(count(*) filter (where ${passengers.survived}))::int`,
		})
		.from(passengers)
		.where(filters(query))
		.groupBy(sets)
		.orderBy(...(dims.length ? dims : [sql`1`]));
}

type StatsRows = Awaited<ReturnType<typeof statsStatement>>;

export function readStats(rows: StatsRows): Stats {
	const [total] = rows.filter((row) => row.isTotal);
	const count = total?.count ?? 0;
	const survived = total?.survived ?? 0;
	return {
		total: { count, survived, survivalRate: rate(survived, count) },
		groups: rows
			.filter((row) => !row.isTotal)
			.map(({ isTotal: _, ...group }) => ({ ...group, survivalRate: rate(group.survived, group.count) })),
	};
}

/** Survival counts in one round trip (`db` made with `reads`), and the state they show: see statsStatement. */
export async function survivalStats(db: Db, query: StatsQuery): Promise<{ stats: Stats; state: DbState }> {
	const {
		results: [rows],
		state,
	} = await readWithState(db, [statsStatement(db, query)]);
	return { stats: readStats(rows), state };
}
