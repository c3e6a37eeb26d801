import { createRoute, z } from "@hono/zod-openapi";
import { problemResponses } from "../../lib/problem";

const tags = ["Health"];

export const alive = createRoute({
	method: "get",
	path: "/healthz",
	tags,
	summary: "The worker is running (touches nothing else)",
	responses: {
		200: {
			description: "Alive",
			content: { "application/json": { schema: z.object({ status: z.literal("alive") }) } },
		},
	},
});

export const ready = createRoute({
	method: "get",
	path: "/readyz",
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
		...problemResponses({ 503: "Not ready: the detail names what is missing; see Retry-After" }),
	},
});

export type AliveRoute = typeof alive;
export type ReadyRoute = typeof ready;
