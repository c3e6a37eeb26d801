import { createRoute, z } from "@hono/zod-openapi";
import { GUARD_PROBLEMS, PUBLIC, problemResponses } from "../../lib/problem-schema";

export const landingSchema = z
	.object({
		name: z.string(),
		links: z.object({ people: z.string(), stats: z.string(), docs: z.string(), openapi: z.string() }),
	})
	.openapi("Landing");

export const landing = createRoute({
	method: "get",
	path: "/",
	operationId: "landing",
	...PUBLIC,
	tags: ["Index"],
	summary: "Where to go from here",
	responses: {
		200: {
			description: "Links to the API and its documentation; an HTML page for browsers",
			content: {
				"application/json": { schema: landingSchema },
				"text/html": { schema: z.string() },
			},
		},
		...problemResponses(GUARD_PROBLEMS),
	},
});

export type LandingRoute = typeof landing;
