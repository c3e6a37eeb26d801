import { BOOKMARK_HEADER, type DbState, stateOfBookmark } from "../bookmark";
import { etagMatches, NOT_MODIFIED_HEADERS } from "../http-caching";

// Stored answers: how they are kept, how old they are, and how a stored one is answered.

// The cache's name in Cache-Status (RFC 9211).
const CACHE_NAME = "titanic-people-api";

/** A Cache-Status (RFC 9211) of this cache with the parameters given, in order. */
export function cacheStatus(...parameters: string[]): string {
	return [CACHE_NAME, ...parameters].join("; ");
}

// CORS headers are said to one caller only. hono's cors puts them on the response before
// the handler runs, so the answer carries them here; each hit gets its caller's from cors.
const isCorsHeader = (name: string) => name.startsWith("access-control-");

// When an answer was stored, in milliseconds by this worker's clock. Not Date: a cache may
// re-date what it keeps (miniflare's sets Date to the time of the put, as
// http-cache-semantics does), and Date has whole seconds only. Never sent to a client.
const STORED_AT = "titanic-stored-at";

/** Stores a copy of the answer for `retentionSeconds`, stamped so a hit can say its Age. */
export async function store(cache: Cache, key: string, response: Response, retentionSeconds: number) {
	const copy = new Response(response.clone().body, response);
	for (const name of [...copy.headers.keys()].filter(isCorsHeader)) copy.headers.delete(name);
	copy.headers.set("Cache-Control", `max-age=${retentionSeconds}`);
	copy.headers.set(STORED_AT, String(Date.now()));
	// Dated as well: versions before the stamp age answers by Date, and two versions share
	// a location's cache while a gradual deploy runs.
	copy.headers.set("Date", new Date().toUTCString());
	await cache.put(key, copy);
}

/** Whole seconds since a stored answer was cached; an unstamped one is past every use. */
export function ageOf(stored: Response): number {
	const storedAt = Number(stored.headers.get(STORED_AT) ?? Number.NaN);
	return Number.isFinite(storedAt)
		? Math.max(0, Math.floor((Date.now() - storedAt) / 1000))
		: Number.POSITIVE_INFINITY;
}

/** The state of the database a stored answer shows; undefined for one stored without it. */
export function stateOf(stored: Response): DbState | undefined {
	const bookmark = stored.headers.get(BOOKMARK_HEADER);
	return bookmark === null ? undefined : stateOfBookmark(bookmark);
}

/** The same digest hono's etag would make further out, made here so a stored copy carries it. */
export async function digestEtag(response: Response): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", await response.clone().arrayBuffer()));
	return `"${Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("")}"`;
}

// The Cache API gives back header names in lower case; a hit is sent with the capitals a
// miss has. Names are case-insensitive, but people read them, and some tools compare them.
const IRREGULAR: Record<string, string> = { etag: "ETag", "www-authenticate": "WWW-Authenticate" };
const spelled = (name: string) =>
	IRREGULAR[name] ??
	name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());

/**
 * A hit's 304 for a client that holds the stored answer: the headers RFC 9110 keeps, and
 * where it came from. Made here, not by the etag middleware further out: that one builds a
 * 304 by copying every header of the 200 into it and deleting most of them again.
 */
function notModified(stored: Response, age: number, status: string): Response {
	void stored.body?.cancel();
	const headers = new Headers();
	for (const name of NOT_MODIFIED_HEADERS) {
		const value = stored.headers.get(name);
		if (value !== null) headers.set(name, value);
	}
	headers.set("Age", String(age));
	headers.set("Cache-Status", status);
	return new Response(null, { status: 304, headers });
}

/**
 * A stored answer as the answer, with its Age and a Cache-Status whose parameters `status`
 * makes from its remaining freshness (negative once stale); a 304 if the client holds it.
 */
export function fromCache(
	stored: Response,
	fresh: number,
	ifNoneMatch: string | undefined,
	status: (ttl: number) => string,
): Response {
	const age = ageOf(stored);
	const cacheStatus = status(fresh - age);
	if (ifNoneMatch && etagMatches(ifNoneMatch, stored.headers.get("ETag") ?? "")) {
		return notModified(stored, age, cacheStatus);
	}
	const headers = new Headers();
	for (const [name, value] of stored.headers) headers.append(spelled(name), value);
	// The Cache API marks its matches for Cloudflare's own use; Cache-Status says it here.
	headers.delete("CF-Cache-Status");
	headers.delete(STORED_AT);
	headers.set("Age", String(age));
	headers.set("Cache-Status", cacheStatus);
	return new Response(stored.body, { status: stored.status, headers });
}
