import type { OpenAPIHono, RouteConfig, RouteHandler } from "@hono/zod-openapi";

export interface AppBindings {
	Bindings: Env;
	Variables: {
		requestId: string;
		/** Set by the read cache: whether it answered, and how long it looked. */
		cache?: { hit: boolean; ms: number };
	};
}

export type AppOpenAPI = OpenAPIHono<AppBindings>;

export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppBindings>;
