import type { Context } from "hono";
import { cors } from "hono/cors";
import { Hono } from "hono/quick";
import { checkConfig } from "./config";
import { edgeCache, executionContextOf, type Records } from "./edge-cache";
import { handOver } from "./handover";
import { httpCaching } from "./http-caching";
import { onErrors } from "./on-error";
import { requestContext } from "./request-context";
import { requestGuards } from "./request-guards";
import { securityHeaders } from "./security-headers";
import type { AppBindings } from "./types";

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

/** The API (src/api.ts, built by create-app.ts), as a module loaded when first needed. */
export type LoadApi = () => Promise<{ default: Pick<Hono<AppBindings>, "fetch"> }>;

/** A smaller app than the API that answers the requests it `takes` alike, loaded instead. */
export interface ApiPart {
	takes: (c: Context<AppBindings>) => boolean;
	load: LoadApi;
}

/**
 * The worker's front, in the order a request meets it: request id and logging, HTTP caching,
 * security headers, CORS, the configuration check, refusals of what cannot be read or
 * answered, and the read cache, which answers a hit here. Whatever it cannot answer goes on
 * to the API, which `api` loads on the first such request: an isolate that only serves
 * hits never loads the routes, their schemas or the database driver. A request that one of
 * `parts` takes goes to that part instead, so that it loads less. `records` tells the read
 * cache which record a path addresses.
 */
export function createEdge(options: { records: Records; api: LoadApi; parts?: ApiPart[] }) {
	// hono's preset for apps that start often and route little (LinearRouter): a cold
	// isolate's first request builds no router, which a cache hit would otherwise pay for.
	const edge = new Hono<AppBindings>();
	edge.use(requestContext);
	// First, so that every answer after it, refusals included, gets its Cache-Control.
	edge.use(httpCaching);
	// Around everything that can answer, refusals and the read cache's hits included.
	edge.use(securityHeaders);
	// CORS only for cross-origin callers: a plain OPTIONS still gets the route's Allow list.
	// Before the refusals, which a browser must be able to read; before the read cache: its
	// headers depend on the caller, so they are never stored.
	edge.use((c, next) => (c.req.header("Origin") ? corsForConfiguredOrigins(c, next) : next()));
	edge.use(checkConfig);
	edge.use(requestGuards(options.records));
	// Its refreshes are requests of their own, through the whole worker.
	edge.use(
		edgeCache(options.records, async (request, c) => edge.fetch(request, c.env, executionContextOf(c))),
	);
	edge.all("*", async (c) => {
		const load = options.parts?.find((part) => part.takes(c))?.load ?? options.api;
		return (await load()).default.fetch(handOver(c), c.env, executionContextOf(c));
	});
	edge.onError(onErrors());
	return edge;
}
