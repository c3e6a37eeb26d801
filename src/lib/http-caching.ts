import type { Context, MiddlewareHandler } from "hono";
import { etag, RETAINED_304_HEADERS } from "hono/etag";
import { ageOf, currentGeneration, entryKey, newGeneration, store } from "./edge-cache";
import { preferredType } from "./negotiate";
import { WRITE_METHODS } from "./protect-writes";
import type { AppBindings } from "./types";

// The cache's name in Cache-Status (RFC 9211).
const CACHE_NAME = "titanic-people-api";
// Health answers must be live: never cached.
const LIVE_PATHS = new Set(["/healthz", "/readyz"]);

// A 304 keeps the headers that say where the answer came from.
const strongEtag = etag({ retainedHeaders: [...RETAINED_304_HEADERS, "age", "cache-status"] });

/**
 * Successful reads carry a strong ETag and the environment's Cache-Control; a matching
 * If-None-Match gets 304 without the body (from the read cache too, with no database
 * round trip). Other responses are never stored by clients: `no-store`.
 */
export const httpCaching: MiddlewareHandler<AppBindings> = async (c, next) => {
	await strongEtag(c, next);
	const read = c.req.method === "GET" || c.req.method === "HEAD";
	const cacheable = read && (c.res.status === 200 || c.res.status === 304);
	c.header("Cache-Control", cacheable ? c.env.CACHE_CONTROL : "no-store");
};

/** What an answer to the same URL varies by: its representation and the count preference. */
function variantOf(c: Context): string {
	return `${preferredType(c)};prefer=${c.req.header("Prefer")?.trim().toLowerCase() ?? ""}`;
}

async function digestEtag(response: Response): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", await response.clone().arrayBuffer()));
	return `"${Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("")}"`;
}

/**
 * The read cache of this location: a GET or HEAD is answered from the Workers
 * Cache API when it can, for CACHE_TTL_SECONDS, with Cache-Status and Age; a successful
 * write retires every cached answer here before it answers. Other locations keep theirs
 * until their lifetime ends.
 */
export const edgeCache: MiddlewareHandler<AppBindings> = async (c, next) => {
	const cache = caches.default;
	// hono runs a HEAD as its GET and drops the body: one cached answer serves both.
	if (c.req.method !== "GET" && c.req.method !== "HEAD") {
		await next();
		if (WRITE_METHODS.has(c.req.method) && c.res.ok) await newGeneration(cache);
		return;
	}
	if (LIVE_PATHS.has(c.req.path)) return next();
	const started = performance.now();
	const ttl = Number(c.env.CACHE_TTL_SECONDS);
	const key = entryKey(await currentGeneration(cache), c.req.url, variantOf(c));
	const hit = await cache.match(key);
	c.set("cache", { hit: Boolean(hit), ms: performance.now() - started });
	if (hit) {
		const age = ageOf(hit);
		const response = new Response(hit.body, hit);
		// The Cache API marks its matches for Cloudflare's own use; Cache-Status says it here.
		response.headers.delete("CF-Cache-Status");
		response.headers.set("Age", String(age));
		response.headers.set("Cache-Status", `${CACHE_NAME}; hit; ttl=${Math.max(ttl - age, 0)}`);
		return response;
	}
	await next();
	if (c.res.status !== 200) {
		c.header("Cache-Status", `${CACHE_NAME}; fwd=uri-miss`);
		return;
	}
	// The same digest hono's etag would make further out, made here so the stored copy
	// carries it and a later If-None-Match is answered from the cache.
	if (!c.res.headers.has("ETag")) c.header("ETag", await digestEtag(c.res));
	await store(cache, key, c.res, ttl);
	c.header("Cache-Status", `${CACHE_NAME}; fwd=uri-miss; stored`);
};
