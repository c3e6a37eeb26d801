import { createRoute, z } from "@hono/zod-openapi";
import { GUARD_PROBLEMS, PUBLIC, problemResponses } from "../../lib/problem-schema";
import { ALIVE_PATH } from "./health.alive";

const tags = ["Health"];

export const alive = createRoute({
	method: "get",
	path: ALIVE_PATH,
	operationId: "alive",
	...PUBLIC,
	tags,
	summary: "The worker is running (touches nothing else)",
	responses: {
		200: {
			description: "Alive",
			content: {
				"application/json": {
					schema: z.object({
						status: z.literal("alive"),
						version: z.string().openapi({ description: "The id of the Worker version that answered" }),
					}),
				},
			},
		},
		// Health checks answer any Accept: no 406 here.
		...problemResponses({ 400: GUARD_PROBLEMS[400] }),
	},
});

export const ready = createRoute({
	method: "get",
	path: "/readyz",
	operationId: "ready",
	...PUBLIC,
	tags,
	summary: "The database answers and has the newest migration",
	responses: {
		200: {
			description: "Ready to serve",
			content: {
				"application/json": {
					schema: z.object({ status: z.literal("ready"), migration: z.string() }),
				},
			},
		},
		...problemResponses({
			400: GUARD_PROBLEMS[400],
			503: "Not ready: the detail names what is missing; see Retry-After",
		}),
	},
});

export type AliveRoute = typeof alive;
export type ReadyRoute = typeof ready;
