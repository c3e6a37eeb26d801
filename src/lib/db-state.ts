import { type SQL, sql } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { Context } from "hono";
import { afterWrite, BOOKMARK_HEADER, bookmarkOf, type DbState, stateOfSnapshot } from "./bookmark";
import type { Db } from "./db";
import { READ_STATEMENT_TIMEOUT_MS } from "./timeouts";

// Which state of the database an answer shows, read in the same round trip as the answer.

// For this transaction only (set_config's `true`): what follows in the batch is bounded.
const TIMEOUT = sql`select set_config('statement_timeout', ${String(READ_STATEMENT_TIMEOUT_MS)}, true)`;

// Last in the batch: the snapshot it read, and Postgres's time on it since its transaction began.
const SNAPSHOT = sql`select pg_current_snapshot()::text as snapshot,
	(extract(epoch from clock_timestamp() - now()) * 1000)::float8 as ms`;

/**
 * Runs a read's statements in one batch (the client must be made with `reads`: one
 * snapshot for all) under READ_STATEMENT_TIMEOUT_MS, adds the state they saw, and counts
 * Postgres's time in the client's timing. Still one round trip.
 */
export async function readWithState<U extends BatchItem<"pg">, T extends Readonly<[U, ...U[]]>>(
	db: Db,
	queries: T,
): Promise<{ results: BatchResponse<T>; state: DbState }> {
	const batch = [db.execute(TIMEOUT), ...queries, db.execute(SNAPSHOT)];
	const all = (await db.batch(batch as unknown as T)) as unknown[];
	const { rows } = all.at(-1) as { rows: { snapshot: string; ms: number }[] };
	if (db.timing) db.timing.pgMs += Number(rows[0]?.ms ?? 0);
	return { results: all.slice(1, -1) as BatchResponse<T>, state: stateOfSnapshot(rows[0]?.snapshot ?? "") };
}

/** What a write statement's snapshot saw, as a column. */
export const snapshotColumn: SQL<string> = sql<string>`pg_current_snapshot()::text`;

/** The writing transaction's id, as a column of RETURNING: once a row is written, it has one. */
export const xidColumn: SQL<string> = sql<string>`pg_current_xact_id()::text`;

/** The state after a write, from snapshotColumn and xidColumn. */
export function writeState(row: { snapshot: string; xid: string }): DbState {
	return afterWrite(stateOfSnapshot(row.snapshot), Number(row.xid));
}

/** Says which state of the database the answer shows (the Bookmark header). */
export function showState(c: Context, state: DbState): void {
	c.header(BOOKMARK_HEADER, bookmarkOf(state));
}
