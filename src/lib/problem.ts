import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { prefersHtml } from "./negotiate";
import type { FieldError, Problem } from "./problem-schema";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export type { FieldError, Problem } from "./problem-schema";

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
	// Loaded when first needed: the pages' JSX would otherwise be evaluated by every cold
	// isolate, cache hits included, for the rare refusal a browser sees.
	if (prefersHtml(c)) {
		const page = import("./problem-page").then(({ ProblemPage }) =>
			ProblemPage({ problem: body }).toString(),
		);
		return c.html(page, status, options.headers) as never;
	}
	// c.json keeps a Content-Type that is already set, so the media type stays problem+json.
	return c.json(body, status, { ...options.headers, "Content-Type": PROBLEM_CONTENT_TYPE });
}
