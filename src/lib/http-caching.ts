import type { MiddlewareHandler } from "hono";
import { etag, RETAINED_304_HEADERS } from "hono/etag";
import type { AppBindings } from "./types";

/** Health answers must be live: never cached, so no validator either. */
export const LIVE_PATHS = new Set(["/healthz", "/readyz"]);

/**
 * What a 304 keeps of its 200: what RFC 9110 asks for, where the answer came from, the
 * state it shows, and CORS (this layer sits outside it), without which a browser drops
 * every cross-origin 304.
 */
export const NOT_MODIFIED_HEADERS = [
	...RETAINED_304_HEADERS,
	"age",
	"cache-status",
	"bookmark",
	"access-control-allow-origin",
	"access-control-allow-credentials",
	"access-control-expose-headers",
];

const strongEtag = etag({ retainedHeaders: NOT_MODIFIED_HEADERS });

/**
 * If-None-Match's weak comparison (RFC 9110, 13.1.2): `*`, or any listed tag equal to
 * `etag` once W/ is set aside. hono's etag compares the same way; its function is internal.
 */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
	if (ifNoneMatch.trim() === "*") return true;
	const tag = etag.replace(/^W\//, "");
	return ifNoneMatch.match(/"[^"]*"/g)?.includes(tag) ?? false;
}

/**
 * Successful reads carry a strong ETag and the environment's Cache-Control; a matching
 * If-None-Match gets 304 without the body (from the read cache too, with no database
 * round trip). Other responses, health checks included, are never stored: `no-store`.
 */
export const httpCaching: MiddlewareHandler<AppBindings> = async (c, next) => {
	const live = LIVE_PATHS.has(c.req.path);
	await (live ? next() : strongEtag(c, next));
	const read = c.req.method === "GET" || c.req.method === "HEAD";
	const cacheable = read && !live && (c.res.status === 200 || c.res.status === 304);
	c.res.headers.set("Cache-Control", cacheable ? c.env.CACHE_CONTROL : "no-store");
};
