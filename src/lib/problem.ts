import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { prefersHtml } from "./negotiate";
import { ProblemPage } from "./problem-page";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

const TITLES: Record<number, string> = {
	400: "Bad Request",
	401: "Unauthorized",
	404: "Not Found",
	405: "Method Not Allowed",
	406: "Not Acceptable",
	409: "Conflict",
	412: "Precondition Failed",
	413: "Content Too Large",
	415: "Unsupported Media Type",
	422: "Unprocessable Content",
	429: "Too Many Requests",
	500: "Internal Server Error",
	503: "Service Unavailable",
	504: "Gateway Timeout",
};

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

/**
 * An RFC 9457 problem response. `type` stays about:blank: the status code says what went
 * wrong, the title is its standard phrase and `detail` is written for this occurrence.
 * A browser (whose Accept prefers HTML) gets the same problem as a page, same status.
 */
export function problem<S extends ContentfulStatusCode>(
	c: Context,
	status: S,
	detail: string,
	options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
) {
	const body: Problem = { type: "about:blank", title: TITLES[status] ?? "Error", status, detail };
	if (options.errors) body.errors = options.errors;
	// Typed as never: a page for a browser is outside the JSON contract the routes declare.
	if (prefersHtml(c)) return c.html(ProblemPage({ problem: body }), status, options.headers) as never;
	// c.json keeps a Content-Type that is already set, so the media type stays problem+json.
	return c.json(body, status, { ...options.headers, "Content-Type": PROBLEM_CONTENT_TYPE });
}

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
