import { createRoute, z } from "@hono/zod-openapi";
import { personSchema } from "../../db/person.schemas";

const tags = ["People"];

export const list = createRoute({
	method: "get",
	path: "/people",
	tags,
	responses: {
		200: {
			description: "The passengers, in insertion order",
			content: { "application/json": { schema: z.array(personSchema) } },
		},
	},
});

export type ListRoute = typeof list;
