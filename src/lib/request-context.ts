import { AsyncLocalStorage } from "node:async_hooks";
import type { MiddlewareHandler } from "hono";
import { log } from "./log";
import type { AppBindings } from "./types";

interface RequestTiming {
	dbMs: number;
}

const timings = new AsyncLocalStorage<RequestTiming>();

/**
 * The Neon driver's fetch, timed: the milliseconds are added to whichever request is
 * running, found through AsyncLocalStorage since one isolate serves many at once.
 */
export const timedFetch: typeof fetch = async (input, init) => {
	const started = performance.now();
	try {
		return await fetch(input, init);
	} finally {
		const timing = timings.getStore();
		if (timing) timing.dbMs += performance.now() - started;
	}
};

/**
 * Gives every request an id (Cloudflare's cf-ray when there is one), echoed in
 * X-Request-Id, reports database time in Server-Timing, and writes one structured log
 * line per request.
 */
export const requestContext: MiddlewareHandler<AppBindings> = async (c, next) => {
	const started = performance.now();
	const requestId = c.req.header("cf-ray") ?? crypto.randomUUID();
	c.set("requestId", requestId);
	const timing: RequestTiming = { dbMs: 0 };
	await timings.run(timing, next);
	const durationMs = round(performance.now() - started);
	c.header("X-Request-Id", requestId);
	const cache = c.get("cache");
	const cacheTiming = cache ? `cache;desc=${cache.hit ? "hit" : "miss"};dur=${round(cache.ms)}, ` : "";
	c.header("Server-Timing", `${cacheTiming}db;dur=${round(timing.dbMs)}, total;dur=${durationMs}`);
	log(c.env, "info", {
		msg: "request",
		requestId,
		method: c.req.method,
		path: c.req.path,
		status: c.res.status,
		durationMs,
		dbMs: round(timing.dbMs),
		cache: cache ? (cache.hit ? "hit" : "miss") : undefined,
	});
};

function round(ms: number): number {
	return Math.round(ms * 10) / 10;
}
