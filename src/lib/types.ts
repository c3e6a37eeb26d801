import type { OpenAPIHono, RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { DatabaseTiming } from "./db";

export interface AppBindings {
	Bindings: Env;
	Variables: {
		requestId: string;
		/** The request's database time so far: requestDb's clients add to it, requestContext reports it. */
		dbTiming: DatabaseTiming;
		/** Set by the read cache: whether it answered, and how long it looked. */
		cache?: { hit: boolean; ms: number };
	};
}

export type AppOpenAPI = OpenAPIHono<AppBindings>;

export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppBindings>;
