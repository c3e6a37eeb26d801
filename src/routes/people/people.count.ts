import { count, type SQL, sql } from "drizzle-orm";
import { passengers } from "../../db/schema";
import type { Db } from "../../lib/db";
import { preferred } from "../../lib/prefer";

/**
 * How X-Total-Count is computed, as PostgREST names it (`Prefer: count=…`): `exact`
 * counts every match; `planned` is the query planner's estimate, free at any size;
 * `estimated`, the default, counts exactly up to EXACT_COUNT_LIMIT matches and gives the
 * planner's estimate above.
 */
export const COUNT_MODES = ["exact", "planned", "estimated"] as const;
export type CountMode = (typeof COUNT_MODES)[number];

/** Up to this many matches the default count is exact: counting them stays within a few milliseconds. */
export const EXACT_COUNT_LIMIT = 1000;

export interface Total {
	count: number;
	/** What the number is: a full count, or the planner's estimate. */
	mode: "exact" | "planned";
}

type CountResult = { n: number }[] | { rows: Record<string, unknown>[] };

/** The statements that find the total of `where`, for the list's batch, and how to read their results. */
export function countQueries(db: Db, where: SQL | undefined, mode: CountMode) {
	const matches = () => db.select({ one: sql`1` }).from(passengers).where(where);
	const planned = () => db.execute(sql`EXPLAIN (FORMAT JSON) ${matches()}`);
	// Only the statements this mode needs are built: this runs on every list request.
	const queries =
		mode === "exact"
			? [db.select({ n: count() }).from(passengers).where(where)]
			: mode === "planned"
				? [planned()]
				: [
						db.select({ n: count() }).from(
							matches()
								.limit(EXACT_COUNT_LIMIT + 1)
								.as("capped"),
						),
						planned(),
					];
	const read = (results: CountResult[]): Total => {
		if (mode === "exact") return { count: countIn(results[0]), mode: "exact" };
		if (mode === "planned") return { count: estimateIn(results[0]), mode: "planned" };
		const counted = countIn(results[0]);
		if (counted <= EXACT_COUNT_LIMIT) return { count: counted, mode: "exact" };
		// There are more than the limit for certain, whatever the planner guesses.
		return { count: Math.max(estimateIn(results[1]), counted), mode: "planned" };
	};
	return { queries, read };
}

function countIn(result: CountResult | undefined): number {
	return Array.isArray(result) ? Number(result[0]?.n ?? 0) : 0;
}

/** The row estimate of the plan's top node, from EXPLAIN (FORMAT JSON). */
function estimateIn(result: CountResult | undefined): number {
	const plan = Array.isArray(result) ? undefined : result?.rows[0]?.["QUERY PLAN"];
	const rows = (plan as { Plan?: { "Plan Rows"?: number } }[] | undefined)?.[0]?.Plan?.["Plan Rows"];
	return Math.round(rows ?? 0);
}

/** The count mode a `Prefer` header asks for (RFC 7240: an unknown preference is ignored). */
export function requestedCountMode(prefer: string | undefined): CountMode | undefined {
	return preferred(prefer, "count", COUNT_MODES);
}
