import type { Context, MiddlewareHandler } from "hono";
import { etagMatches, LIVE_PATHS, NOT_MODIFIED_HEADERS } from "./http-caching";
import { LIST_REPRESENTATIONS, preferredType, REPRESENTATIONS } from "./negotiate";
import { WRITE_METHODS } from "./protect-writes";
import type { AppBindings } from "./types";

// The read cache of the worker's location (the Workers Cache API), and how writes keep it
// honest. A record's answers (one person) are stored under the record's own keys, which a
// write to that record deletes: a hit costs one lookup. Every other answer (lists) is
// stored under the current generation; a write makes a new one, so after it no earlier
// list at this location is found again: lists cannot be purged one URL at a time.

// Cache keys are URLs; .invalid never resolves, so no key can collide with a real request.
const KEYS = "https://edge-cache.invalid";
const GENERATION_KEY = `${KEYS}/generation`;
// The generation is kept as long as the cache keeps anything. Should the cache drop it, a
// fresh random one takes its place: earlier answers are then orphaned, never revived.
const GENERATION_LIFETIME_SECONDS = 365 * 24 * 3600;

// The generation rides in a header of an empty entry: no body to read on every list hit.
const GENERATION_HEADER = "Generation";

async function currentGeneration(cache: Cache): Promise<string> {
	const stored = await cache.match(GENERATION_KEY);
	return stored?.headers.get(GENERATION_HEADER) ?? newGeneration(cache);
}

/** Retires every generation-keyed answer at this location; awaited before a write answers. */
async function newGeneration(cache: Cache): Promise<string> {
	const generation = crypto.randomUUID();
	const headers = {
		"Cache-Control": `max-age=${GENERATION_LIFETIME_SECONDS}`,
		[GENERATION_HEADER]: generation,
	};
	await cache.put(GENERATION_KEY, new Response(null, { headers }));
	return generation;
}

/** The key of one representation (`variant`) of a record's answer: the same whatever the query. */
function recordKey(record: string, variant: string): string {
	return `${KEYS}/record/${encodeURIComponent(variant)}${record}`;
}

/** The key of one representation (`variant`) of a URL's answer in a generation. */
function generationKey(generation: string, requestUrl: string, variant: string): string {
	const url = new URL(requestUrl);
	return `${KEYS}/${generation}/${encodeURIComponent(variant)}${url.pathname}${url.search}`;
}

// CORS headers are said to one caller only. hono's cors puts them on the response before
// the handler runs, so the answer carries them here; each hit gets its caller's from cors.
const isCorsHeader = (name: string) => name.startsWith("access-control-");

/** Stores a copy of the answer for `ttlSeconds`, dated so a hit can say its Age. */
async function store(cache: Cache, key: string, response: Response, ttlSeconds: number): Promise<void> {
	const copy = new Response(response.clone().body, response);
	for (const name of [...copy.headers.keys()].filter(isCorsHeader)) copy.headers.delete(name);
	copy.headers.set("Cache-Control", `max-age=${ttlSeconds}`);
	copy.headers.set("Date", new Date().toUTCString());
	await cache.put(key, copy);
}

/** Seconds since a stored answer was cached. */
function ageOf(stored: Response): number {
	const date = Date.parse(stored.headers.get("Date") ?? "");
	return Number.isNaN(date) ? 0 : Math.max(0, Math.floor((Date.now() - date) / 1000));
}

// The cache's name in Cache-Status (RFC 9211).
const CACHE_NAME = "titanic-people-api";

/** What a list's answer varies by: its representation and the count preference. */
function listVariant(c: Context): string {
	return `${preferredType(c, LIST_REPRESENTATIONS)};prefer=${c.req.header("Prefer")?.trim().toLowerCase() ?? ""}`;
}

/** A client's `Cache-Control: no-cache` (or `max-age=0`) asks for an answer from the database. */
function wantsFresh(c: Context): boolean {
	return /\b(no-cache|max-age=0)\b/i.test(c.req.header("Cache-Control") ?? "");
}

async function digestEtag(response: Response): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", await response.clone().arrayBuffer()));
	return `"${Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("")}"`;
}

/**
 * A hit's 304 for a client that holds the stored answer: the headers RFC 9110 keeps, and
 * where it came from. Made here, not by the etag middleware further out: that one builds a
 * 304 by copying every header of the 200 into it and deleting most of them again.
 */
function notModified(stored: Response, age: number, cacheStatus: string): Response {
	void stored.body?.cancel();
	const headers = new Headers();
	for (const name of NOT_MODIFIED_HEADERS) {
		const value = stored.headers.get(name);
		if (value !== null) headers.set(name, value);
	}
	headers.set("Age", String(age));
	headers.set("Cache-Status", cacheStatus);
	return new Response(null, { status: 304, headers });
}

/** A stored answer as a hit, with its Age and Cache-Status (a 304 if the client holds it). */
function fromCache(stored: Response, ttl: number, ifNoneMatch: string | undefined): Response {
	const age = ageOf(stored);
	const cacheStatus = `${CACHE_NAME}; hit; ttl=${Math.max(ttl - age, 0)}`;
	if (ifNoneMatch && etagMatches(ifNoneMatch, stored.headers.get("ETag") ?? "")) {
		return notModified(stored, age, cacheStatus);
	}
	const response = new Response(stored.body, stored);
	// The Cache API marks its matches for Cloudflare's own use; Cache-Status says it here.
	response.headers.delete("CF-Cache-Status");
	response.headers.set("Age", String(age));
	response.headers.set("Cache-Status", cacheStatus);
	return response;
}

/**
 * The read cache of this location: a GET or HEAD is answered from the Workers Cache API
 * when it can, for CACHE_TTL_SECONDS, with Cache-Status and Age. A successful write
 * forgets what it may have changed here before it answers: a new generation for lists,
 * and the record it wrote. Other locations keep theirs until their lifetime ends.
 * `recordOf` names the record a path addresses (normalised), or null for any other path.
 */
export function edgeCache(recordOf: (path: string) => string | null): MiddlewareHandler<AppBindings> {
	return async (c, next) => {
		const cache = caches.default;
		const record = recordOf(c.req.path);
		// hono runs a HEAD as its GET and drops the body: one cached answer serves both.
		if (c.req.method !== "GET" && c.req.method !== "HEAD") {
			await next();
			if (!WRITE_METHODS.has(c.req.method) || !c.res.ok) return;
			// In this order: a read racing the write checks the generation after it stores.
			await newGeneration(cache);
			if (record) await Promise.all(REPRESENTATIONS.map((type) => cache.delete(recordKey(record, type))));
			return;
		}
		if (LIVE_PATHS.has(c.req.path)) return next();
		const started = performance.now();
		const ttl = Number(c.env.CACHE_TTL_SECONDS);
		const fresh = wantsFresh(c);
		const key = record
			? recordKey(record, preferredType(c))
			: generationKey(await currentGeneration(cache), c.req.url, listVariant(c));
		const hit = fresh ? undefined : await cache.match(key);
		c.set("cache", { hit: Boolean(hit), ms: performance.now() - started });
		if (hit) return fromCache(hit, ttl, c.req.header("If-None-Match"));
		// A record's key outlives generations: note the one before the database is asked.
		const before = record ? await currentGeneration(cache) : undefined;
		await next();
		const forwarded = `${CACHE_NAME}; fwd=${fresh ? "request" : "uri-miss"}`;
		if (c.res.status !== 200) {
			c.res.headers.set("Cache-Status", forwarded);
			return;
		}
		// The same digest hono's etag would make further out, made here so the stored copy
		// carries it and a later If-None-Match is answered from the cache.
		if (!c.res.headers.has("ETag")) c.res.headers.set("ETag", await digestEtag(c.res));
		await store(cache, key, c.res, ttl);
		// A write that landed meanwhile may have deleted the key before this answer was stored.
		const raced = before !== undefined && (await currentGeneration(cache)) !== before;
		if (raced) await cache.delete(key);
		c.res.headers.set("Cache-Status", `${forwarded}${raced ? "" : "; stored"}`);
	};
}
