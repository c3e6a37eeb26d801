import type { MiddlewareHandler } from "hono";
import { log } from "./log";
import type { AppBindings } from "./types";

/**
 * Gives every request an id (Cloudflare's cf-ray when there is one), echoed in
 * X-Request-Id, reports database time (what requestDb's clients waited, and Postgres's own
 * time on reads) in Server-Timing,
 * and writes one structured log line per request.
 *
 * Headers go onto the finished response in place, as hono's own middleware does it: after
 * the handler, c.header() would copy the whole response for every header it sets.
 */
export const requestContext: MiddlewareHandler<AppBindings> = async (c, next) => {
	const started = performance.now();
	const requestId = c.req.header("cf-ray") ?? crypto.randomUUID();
	c.set("requestId", requestId);
	const timing = { dbMs: 0, pgMs: 0 };
	c.set("dbTiming", timing);
	await next();
	const durationMs = round(performance.now() - started);
	c.res.headers.set("X-Request-Id", requestId);
	const cache = c.get("cache");
	const cacheTiming = cache ? `cache;desc=${cache.outcome};dur=${round(cache.ms)}, ` : "";
	c.res.headers.set(
		"Server-Timing",
		`${cacheTiming}db;dur=${round(timing.dbMs)}, pg;dur=${round(timing.pgMs)}, total;dur=${durationMs}`,
	);
	log(c.env, "info", {
		msg: "request",
		requestId,
		method: c.req.method,
		path: c.req.path,
		status: c.res.status,
		durationMs,
		dbMs: round(timing.dbMs),
		pgMs: round(timing.pgMs),
		cache: cache?.outcome,
	});
};

function round(ms: number): number {
	return Math.round(ms * 10) / 10;
}
