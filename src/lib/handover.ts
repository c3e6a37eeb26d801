import type { Context, MiddlewareHandler } from "hono";
import type { AppBindings } from "./types";

type Shared = Pick<AppBindings["Variables"], "requestId" | "dbTiming">;

// The edge (create-edge.ts) and the API it loads when the read cache cannot answer
// (create-app.ts) are two hono apps, each with its own context. What both must see of a
// request, its id and the database time its answer reports, crosses with the request.
const handed = new WeakMap<Request, Shared>();

/** The edge's side: the request goes on to the API with what the edge set for it. */
export function handOver(c: Context<AppBindings>): Request {
	handed.set(c.req.raw, { requestId: c.var.requestId, dbTiming: c.var.dbTiming });
	return c.req.raw;
}

/** The API's side: the request's id and timing as the edge set them. */
export const takeOver: MiddlewareHandler<AppBindings> = async (c, next) => {
	const shared = handed.get(c.req.raw);
	// Fail closed: without them, the answer's timing and log line would be another request's.
	if (!shared) throw new Error("the API answers only what the edge hands over (src/index.ts)");
	c.set("requestId", shared.requestId);
	c.set("dbTiming", shared.dbTiming);
	await next();
};
