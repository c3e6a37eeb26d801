import type { MiddlewareHandler } from "hono";
import { etag, RETAINED_304_HEADERS } from "hono/etag";
import type { AppBindings } from "./types";

/** Health answers must be live: never cached, so no validator either. */
export const LIVE_PATHS = new Set(["/healthz", "/readyz"]);

// A 304 keeps the headers that say where the answer came from.
const strongEtag = etag({ retainedHeaders: [...RETAINED_304_HEADERS, "age", "cache-status"] });

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
