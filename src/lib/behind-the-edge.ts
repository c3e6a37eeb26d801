import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { isRefresh } from "./edge-cache";
import { takeOver } from "./handover";
import { type Failure, onErrors } from "./on-error";
import { problem } from "./problem";
import { protectWrites } from "./protect-writes";
import { rateLimit } from "./rate-limit";
import type { AppBindings } from "./types";

export const MAX_BODY_BYTES = 64 * 1024;

/** A request body's limit, refused with a 413 before the body is read. */
const limitBodies = (maxSize: number) =>
	bodyLimit({
		maxSize,
		onError: (c) => problem(c, 413, `the request body is larger than ${maxSize} bytes`),
	});

/**
 * What every app behind the edge (create-edge.ts) does around its routes, in the order a
 * request meets it: the edge's request id and timing, rate limits, body limit, write
 * protection; and 404 and error handling, all as problem+json. `largerBodies`
 * ("POST /path" → bytes) lets a route take bodies over MAX_BODY_BYTES; `failureOf` reads
 * what an error means (an app that uses the database: database-failures.ts), else a 500.
 * Apart from create-app.ts so that an app without zod's routes (src/person-read.ts,
 * src/alive.ts) gets the same.
 */
export function behindTheEdge<App extends Hono<AppBindings>>(
	app: App,
	options: {
		largerBodies?: Record<string, number>;
		failureOf?: (error: unknown, c: Context) => Failure | undefined;
	} = {},
): App {
	const limits = new Map(
		Object.entries(options.largerBodies ?? {}).map(([route, size]) => [route, limitBodies(size)]),
	);
	const defaultLimit = limitBodies(MAX_BODY_BYTES);
	app.use(takeOver);
	// A cache hit never gets here: the read budget protects the database, which a hit spares.
	// Health checks are exempt: a monitor must never see a 429. So are the cache's own
	// refreshes: at most one per stored answer at a time, whatever the clients do.
	app.use("*", (c, next) =>
		c.req.path === "/healthz" || isRefresh(c.req.raw) ? next() : rateLimit(c, next),
	);
	app.use((c, next) => (limits.get(`${c.req.method} ${c.req.path}`) ?? defaultLimit)(c, next));
	app.use(protectWrites);
	app.notFound((c) =>
		problem(c, 404, `there is nothing at ${c.req.path}; the people are at /people, every path is in /docs/`),
	);
	app.onError(onErrors(options.failureOf));
	return app;
}
