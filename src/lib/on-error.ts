import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { log } from "./log";
import { problem } from "./problem";
import type { AppBindings } from "./types";

// hono and its validators throw these before a handler runs; say what the client should do.
const HTTP_EXCEPTION_DETAILS: Partial<Record<ContentfulStatusCode, string>> = {
	400: "the request body is not valid JSON",
	415: "send the body as JSON, with Content-Type: application/json",
};

/** What an error means to the client, and (unless the client caused it) what the log says. */
export interface Failure {
	status: ContentfulStatusCode;
	detail: string;
	log?: string;
	headers?: Record<string, string>;
}

/**
 * What to log about a failure: the innermost cause's message. drizzle's wrapper message
 * carries the SQL and its parameters (passenger data), which stay out of the logs.
 */
function rootCauseOf(error: unknown): string {
	let e: unknown = error;
	while (e instanceof Error && e.cause instanceof Error) e = e.cause;
	return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

const UNHANDLED: Failure = { log: "unhandled error", status: 500, detail: "an unexpected error occurred" };

/**
 * The last line of defence: every thrown error becomes a problem response, as `meaningOf`
 * reads it (the API's: database-failures.ts) or else a 500. Nothing of the error itself
 * (SQL, stack, driver message) reaches the client; the log keeps it.
 */
export function onErrors(
	meaningOf: (error: unknown, c: Context) => Failure | undefined = () => undefined,
): ErrorHandler<AppBindings> {
	return (error, c) => {
		if (error instanceof HTTPException) {
			// A middleware that built its own (problem) response, such as bearer auth's 401.
			if (error.res) return error.getResponse();
			const status = error.status as ContentfulStatusCode;
			return problem(c, status, HTTP_EXCEPTION_DETAILS[status] ?? "the request cannot be processed");
		}
		const failure = meaningOf(error, c) ?? UNHANDLED;
		if (failure.log)
			log(c.env, "error", { msg: failure.log, requestId: c.get("requestId"), error: rootCauseOf(error) });
		return problem(c, failure.status, failure.detail, { headers: failure.headers });
	};
}
