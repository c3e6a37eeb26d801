import type { OpenAPIHono, RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { DatabaseTiming } from "./db";

export interface AppBindings {
	Bindings: Env;
	Variables: {
		requestId: string;
		/** The request's database time so far: requestDb's clients add to it, requestContext reports it. */
		dbTiming: DatabaseTiming;
		/** Set by a write that did more than one write's work (a bulk create): the units it spends. */
		writeUnits?: number;
		/** Set by the read cache: how it served the request, and how long it looked. */
		cache?: { outcome: CacheOutcome; ms: number };
	};
}

/** hit: a fresh stored answer; stale: a stored one past its freshness; miss: the database's; refresh: the cache's own. */
export type CacheOutcome = "hit" | "stale" | "miss" | "refresh";

export type AppOpenAPI = OpenAPIHono<AppBindings>;

export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppBindings>;
