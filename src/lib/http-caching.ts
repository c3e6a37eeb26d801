import type { MiddlewareHandler } from "hono";
import { etag } from "hono/etag";
import type { AppBindings } from "./types";

const strongEtag = etag();

/**
 * Successful reads carry a strong ETag (a hash of the body) and the environment's
 * Cache-Control; a matching If-None-Match gets 304 without the body. Other responses
 * are never stored, so a read after a write always sees it.
 */
export const httpCaching: MiddlewareHandler<AppBindings> = async (c, next) => {
	await strongEtag(c, next);
	const read = c.req.method === "GET" || c.req.method === "HEAD";
	const cacheable = read && (c.res.status === 200 || c.res.status === 304);
	c.header("Cache-Control", cacheable ? c.env.CACHE_CONTROL : "no-store");
};
