import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { checkConfig } from "./config";
import { edgeCache, executionContextOf, isRefresh, type Records } from "./edge-cache";
import { httpCaching } from "./http-caching";
import { onError } from "./on-error";
import { problem } from "./problem";
import { protectWrites } from "./protect-writes";
import { rateLimit } from "./rate-limit";
import { requestContext } from "./request-context";
import { requestGuards } from "./request-guards";
import { securityHeaders } from "./security-headers";
import type { AppBindings } from "./types";
import { validationHook } from "./validation-hook";

export const MAX_BODY_BYTES = 64 * 1024;

/** A request body's limit, refused with a 413 before the body is read. */
const limitBodies = (maxSize: number) =>
	bodyLimit({
		maxSize,
		onError: (c) => problem(c, 413, `the request body is larger than ${maxSize} bytes`),
	});

/** A router whose validation failures are problem responses: one per resource folder. */
export function createRouter() {
	return new OpenAPIHono<AppBindings>({ strict: true, defaultHook: validationHook });
}

const EXPOSED_HEADERS = [
	"Location",
	"Link",
	"X-Total-Count",
	"X-Total-Count-Mode",
	"Preference-Applied",
	"X-Request-Id",
	"ETag",
	"Retry-After",
	"Server-Timing",
	"Cache-Status",
	"Age",
	"Bookmark",
	"Idempotent-Replayed",
];

/** The request's Origin if CORS_ORIGINS (comma-separated, or "*") allows it. */
function allowedOrigin(origin: string, setting: string): string | null {
	if (setting.trim() === "*") return "*";
	return setting.split(",").some((allowed) => allowed.trim() === origin) ? origin : null;
}

// Built once; the allowed origins are read from each request's environment.
const corsForConfiguredOrigins = cors({
	origin: (origin, c) => allowedOrigin(origin, (c.env as Env).CORS_ORIGINS),
	allowHeaders: [
		"Content-Type",
		"Authorization",
		"If-None-Match",
		"If-Match",
		"Prefer",
		"Bookmark",
		"Idempotency-Key",
	],
	exposeHeaders: EXPOSED_HEADERS,
	maxAge: 600,
});

/**
 * The application shell, in the order a request meets it: request id and logging, HTTP
 * caching, security headers, CORS, the configuration check, refusals of what cannot be
 * read or answered, the read cache (a hit is answered here), rate limits, body limit,
 * write protection; and 404 and error handling, all as
 * problem+json. `records` tells the read cache which record a path addresses;
 * `largerBodies` ("POST /path" → bytes) lets a route take bodies over MAX_BODY_BYTES.
 */
export function createApp(options: { records: Records; largerBodies?: Record<string, number> }) {
	const limits = new Map(
		Object.entries(options.largerBodies ?? {}).map(([route, size]) => [route, limitBodies(size)]),
	);
	const defaultLimit = limitBodies(MAX_BODY_BYTES);
	const app = createRouter();
	app.use(requestContext);
	// First, so that every answer after it, refusals included, gets its Cache-Control.
	app.use(httpCaching);
	// Around everything that can answer, refusals and the read cache's hits included.
	app.use(securityHeaders);
	// CORS only for cross-origin callers: a plain OPTIONS still gets the route's Allow list.
	// Before the refusals, which a browser must be able to read; before the read cache: its
	// headers depend on the caller, so they are never stored.
	app.use((c, next) => (c.req.header("Origin") ? corsForConfiguredOrigins(c, next) : next()));
	app.use(checkConfig);
	app.use(requestGuards(options.records));
	// Its refreshes are requests of their own, through the whole app.
	app.use(edgeCache(options.records, async (request, c) => app.fetch(request, c.env, executionContextOf(c))));
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
	app.onError(onError);
	return app;
}
