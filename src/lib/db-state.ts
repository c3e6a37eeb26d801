import { type SQL, sql } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { Context } from "hono";
import { afterWrite, BOOKMARK_HEADER, bookmarkOf, type DbState, stateOfSnapshot } from "./bookmark";
import type { Db } from "./db";

// Which state of the database an answer shows, read in the same round trip as the answer.

const SNAPSHOT = sql`select pg_current_snapshot()::text as snapshot`;

/**
 * Runs a read's statements in one batch (the client must be made with `reads`: one
 * snapshot for all) and adds the state they saw. Still one round trip.
 */
export async function readWithState<U extends BatchItem<"pg">, T extends Readonly<[U, ...U[]]>>(
	db: Db,
	queries: T,
): Promise<{ results: BatchResponse<T>; state: DbState }> {
	const all = (await db.batch([...queries, db.execute(SNAPSHOT)] as unknown as T)) as unknown[];
	const { rows } = all.at(-1) as { rows: { snapshot: string }[] };
	return { results: all.slice(0, -1) as BatchResponse<T>, state: stateOfSnapshot(rows[0]?.snapshot ?? "") };
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
