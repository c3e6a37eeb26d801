import type { Context } from "hono";
import type { AppRouteHandler } from "../../lib/types";
import type { AliveRoute } from "./health.routes";

// Apart from the routes: it touches nothing but the request, so src/alive.ts answers it
// without the API, and the edge, which imports isAliveCheck, stays as light as it is.

/** The liveness check's path: the route's (health.routes.ts) and the part's alike. */
export const ALIVE_PATH = "/healthz";

export const alive: AppRouteHandler<AliveRoute> = (c) =>
	c.json({ status: "alive" as const, version: c.env.VERSION.id }, 200);

/** A liveness check (GET or HEAD /healthz, any query or Accept): what src/alive.ts answers. */
export function isAliveCheck(c: Context): boolean {
	return (c.req.method === "GET" || c.req.method === "HEAD") && c.req.path === ALIVE_PATH;
}
