// Bookmarks, after Cloudflare D1's Sessions API: every answer names the state of the
// database it shows, and a read that carries one is answered only by a state at least that
// new. A state is what a Postgres snapshot sees (pg_current_snapshot()): transaction ids are
// handed out in order, so every transaction below `xmax` has settled but those still
// `running`. Comparing two snapshots this way is exact: unlike a sequence value, it knows
// that a write which took a lower number but committed later is not yet in an answer.

export interface DbState {
	xmax: number;
	running: number[];
}

// A bookmark stays short: past this many running transactions, the newest are required to
// have settled as well. A stricter bookmark can only send a read to the database.
const MAX_RUNNING = 32;

/** The state Postgres' text form of a snapshot, `xmin:xmax:xip,…`, describes. */
export function stateOfSnapshot(snapshot: string): DbState {
	const [, xmax = "", xip = ""] = snapshot.split(":");
	const running = xip ? xip.split(",").map(Number) : [];
	return { xmax: Number(xmax), running: running.sort((a, b) => a - b).slice(0, MAX_RUNNING) };
}

/**
 * The state after a write: what its statement saw, and the write itself (transaction
 * `xid`). Transactions that took a number between the two may still run: not asked for.
 */
export function afterWrite(seen: DbState, xid: number): DbState {
	if (xid < seen.xmax) return { xmax: seen.xmax, running: seen.running.filter((id) => id !== xid) };
	const between = Array.from({ length: Math.min(xid - seen.xmax, MAX_RUNNING) }, (_, i) => seen.xmax + i);
	return { xmax: xid + 1, running: [...seen.running, ...between].slice(0, MAX_RUNNING) };
}

/** Whether an answer showing `shown` shows everything one showing `wanted` does. */
export function includes(shown: DbState, wanted: DbState): boolean {
	return (
		shown.xmax >= wanted.xmax && shown.running.every((id) => id >= wanted.xmax || wanted.running.includes(id))
	);
}

export const BOOKMARK_PATTERN = /^[0-9a-z]{1,11}(?:\.[0-9a-z]{1,11}){0,32}$/;

/** The bookmark of a state: xmax, then how far below it each running transaction is, in base 36. */
export function bookmarkOf(state: DbState): string {
	return [state.xmax, ...state.running.map((id) => state.xmax - id)].map((n) => n.toString(36)).join(".");
}

/** The state a bookmark names, or undefined when it is not one this API writes. */
export function stateOfBookmark(bookmark: string): DbState | undefined {
	if (!BOOKMARK_PATTERN.test(bookmark)) return undefined;
	const [xmax = 0, ...below] = bookmark.split(".").map((part) => Number.parseInt(part, 36));
	const valid = Number.isSafeInteger(xmax) && below.every((n) => n >= 1 && n <= xmax);
	return valid ? { xmax, running: below.map((n) => xmax - n).sort((a, b) => a - b) } : undefined;
}

export const BOOKMARK_HEADER = "Bookmark";
