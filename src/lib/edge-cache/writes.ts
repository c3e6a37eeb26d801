import type { Context } from "hono";
import { BOOKMARK_HEADER, includes } from "../bookmark";
import { REPRESENTATIONS } from "../negotiate";
import { stateOf, store } from "./entries";
import { newGeneration, recordKey, writtenKey } from "./keys";
import { lifetimesOf, retentionOf } from "./lifetimes";

/** What the read cache knows of the records the API serves (people, here). */
export interface Records {
	/** The record a path addresses, normalised; null for any other path. */
	of(path: string): string | null;
	/** True for a request of part of a record (a selection of fields): kept as lists are, not as the record. */
	partial(url: URL): boolean;
	/** The version of a record an ETag names: of two answers, the newer is kept. */
	versionOf(etag: string): number | undefined;
	/** True for a path that answers CSV too (a list); others answer JSON or HTML only. */
	answersCsv(path: string): boolean;
}

const [JSON_TYPE, ...OTHER_TYPES] = REPRESENTATIONS;

// Longer than any read can take from its database answer to storing it (the query timeout is 5 s).
const WRITTEN_MARK_SECONDS = 60;

/**
 * Whether a write to `record` at this location landed after the database gave `answer`:
 * then the answer, stored meanwhile, may hide the write, and must go. Only writes to this
 * record count, so a far location's misses are not thrown away for writes to others.
 */
export async function writtenSince(cache: Cache, record: string, answer: Response): Promise<boolean> {
	const mark = await cache.match(writtenKey(record));
	if (!mark) return false;
	const [written, shown] = [stateOf(mark), stateOf(answer)];
	return !(written && shown && includes(shown, written));
}

/**
 * The answer a read of the record would give, from a write's answer: the written record
 * as JSON, with the write's ETag and bookmark.
 */
function asRead(written: Response): Response {
	const headers = new Headers(written.headers);
	headers.delete("Location");
	headers.set("Vary", "Accept");
	return new Response(written.clone().body, { status: 200, headers });
}

/**
 * Stores a write's answer as the record's JSON unless the cache holds a newer version
 * already: a read of the record right after its write, here, costs no round trip.
 */
async function writeThrough(c: Context, records: Records, cache: Cache, key: string): Promise<void> {
	const version = records.versionOf(c.res.headers.get("ETag") ?? "") ?? 0;
	const held = await cache.match(key);
	void held?.body?.cancel();
	if ((records.versionOf(held?.headers.get("ETag") ?? "") ?? -1) >= version) return;
	await store(cache, key, asRead(c.res), retentionOf(lifetimesOf(c.env)));
}

/** A write to an existing record: its mark first (a read that stores after it checks it), then its entries. */
async function rewrite(c: Context, records: Records, cache: Cache, record: string): Promise<void> {
	const headers = {
		"Cache-Control": `max-age=${WRITTEN_MARK_SECONDS}`,
		[BOOKMARK_HEADER]: c.res.headers.get(BOOKMARK_HEADER) ?? "",
	};
	await cache.put(writtenKey(record), new Response(null, { headers }));
	const json = recordKey(record, JSON_TYPE);
	// Only an answer with the record in it stands for a read (not a deletion's, nor one without a body).
	const readable = c.req.method !== "DELETE" && c.res.body !== null;
	await Promise.all([
		...OTHER_TYPES.map((type) => cache.delete(recordKey(record, type))),
		readable ? writeThrough(c, records, cache, json) : cache.delete(json),
	]);
}

/**
 * After a successful write, before it answers: a new generation (no earlier list is found
 * here again), and the written record's entries replaced by the write's answer (or deleted,
 * for a DELETE). Other locations keep theirs until their lifetimes end.
 */
/**
 * A write the database did not confirm (504) may have happened: this location then keeps
 * nothing that could show the record, or any list, as it was before.
 */
export async function forgetUnconfirmed(c: Context, records: Records, cache: Cache): Promise<void> {
	const record = records.of(c.req.path);
	const stored = record ? REPRESENTATIONS.map((type) => cache.delete(recordKey(record, type))) : [];
	await Promise.all([newGeneration(cache), ...stored]);
}

export async function forgetWhatChanged(c: Context, records: Records, cache: Cache): Promise<void> {
	const existing = records.of(c.req.path);
	const created = existing ? null : records.of(c.res.headers.get("Location") ?? "");
	await Promise.all([
		newGeneration(cache),
		existing && rewrite(c, records, cache, existing),
		// A new record: nothing of it is stored here to replace, and no read of it to race.
		created &&
			c.res.body !== null &&
			store(cache, recordKey(created, JSON_TYPE), asRead(c.res), retentionOf(lifetimesOf(c.env))),
	]);
}
