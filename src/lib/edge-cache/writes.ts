import type { Context } from "hono";
import { REPRESENTATIONS } from "../negotiate";
import { store } from "./entries";
import { newGeneration, recordKey } from "./keys";
import { lifetimesOf, retentionOf } from "./lifetimes";

/** What the read cache knows of the records the API serves (people, here). */
export interface Records {
	/** The record a path addresses, normalised; null for any other path. */
	of(path: string): string | null;
	/** The version of a record an ETag names: of two answers, the newer is kept. */
	versionOf(etag: string): number | undefined;
}

const [JSON_TYPE, ...OTHER_TYPES] = REPRESENTATIONS;

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

/**
 * After a successful write, before it answers: a new generation (no earlier list is found
 * here again), and the written record's entries replaced by the write's answer (or deleted,
 * for a DELETE). Other locations keep theirs until their lifetimes end.
 */
export async function forgetWhatChanged(c: Context, records: Records, cache: Cache): Promise<void> {
	// In this order: a read racing the write checks the generation after it stores.
	await newGeneration(cache);
	const record = records.of(c.req.path) ?? records.of(c.res.headers.get("Location") ?? "");
	if (!record) return;
	const json = recordKey(record, JSON_TYPE);
	await Promise.all([
		...OTHER_TYPES.map((type) => cache.delete(recordKey(record, type))),
		c.res.status === 204 ? cache.delete(json) : writeThrough(c, records, cache, json),
	]);
}
