import { z } from "@hono/zod-openapi";
import { PROBLEM_CONTENT_TYPE } from "./problem";

// The problem document as the OpenAPI document describes it: apart from problem.ts, which
// answers with it, so that an answer from the read cache loads no schema.

export const problemSchema = z
	.object({
		type: z.string().openapi({ example: "about:blank" }),
		title: z.string().openapi({ example: "Bad Request" }),
		status: z.int().openapi({ example: 400 }),
		detail: z.string().openapi({ example: "the request is invalid: see errors" }),
		errors: z
			.array(z.object({ path: z.string(), message: z.string() }))
			.optional()
			.openapi({ description: "One entry per invalid field." }),
	})
	.openapi("Problem", { description: "An RFC 9457 problem detail." });

export type Problem = z.infer<typeof problemSchema>;
export type FieldError = NonNullable<Problem["errors"]>[number];

/** OpenAPI response entries for the problems a route can answer with. */
export function problemResponses<S extends number>(descriptions: Record<S, string>) {
	return Object.fromEntries(
		Object.entries(descriptions).map(([status, description]) => [
			status,
			{ description, content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } } },
		]),
	) as Record<
		S,
		{ description: string; content: { [PROBLEM_CONTENT_TYPE]: { schema: typeof problemSchema } } }
	>;
}

/** Problems any request can meet before its route: the request guards' (request-guards.ts). */
export const GUARD_PROBLEMS = {
	400: "Malformed percent-encoding in the query string",
	406: "The Accept header allows nothing this resource is written in (JSON, HTML, and CSV for the list)",
} as const;

/** What the linter wants said of an operation anyone may call: no credentials. */
export const PUBLIC: { security: [] } = { security: [] };
