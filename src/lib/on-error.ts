import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
	isAnswerTooLarge,
	isCancelledByTimeout,
	isDatabaseUnavailable,
	isRefusedByNeon,
	isTimedOut,
	rootCauseOf,
	sqlStateOf,
} from "./database-errors";
import { log } from "./log";
import { problem } from "./problem";
import { WRITE_METHODS } from "./protect-writes";
import type { AppBindings } from "./types";

const RETRY_AFTER_SECONDS = "5";

// Postgres refusals that a request can cause despite validation, and what they mean to it.
const CLIENT_SQL_STATES: Record<string, { status: ContentfulStatusCode; detail: string }> = {
	"23505": { status: 409, detail: "a person with this uuid already exists" },
	"23514": { status: 422, detail: "the values break a rule of the passenger list" },
	"22P02": { status: 400, detail: "a value has the wrong format" },
	"22021": { status: 400, detail: "a text value cannot be stored (NUL or invalid UTF-8)" },
	"22003": { status: 400, detail: "a number is out of range" },
};

// hono and its validators throw these before a handler runs; say what the client should do.
const HTTP_EXCEPTION_DETAILS: Partial<Record<ContentfulStatusCode, string>> = {
	400: "the request body is not valid JSON",
	415: "send the body as JSON, with Content-Type: application/json",
};

interface Failure {
	is: (error: unknown, c: Context) => boolean;
	log: string;
	status: ContentfulStatusCode;
	detail: string;
	headers?: Record<string, string>;
}

// What failed when the request itself was fine, as the log and the client are told it.
const DATABASE_FAILURES: Failure[] = [
	{
		// Before "unavailable", which a timeout also is: "retry" would be false for a write.
		is: (error, c) => isTimedOut(error) && WRITE_METHODS.has(c.req.method),
		log: "write unconfirmed: the database did not answer in time",
		status: 504,
		detail:
			"the database did not confirm the write in time, so it may have happened: read the person (GET /people/{uuid}) before writing again; a POST sent again with the uuid it chose is safe (a 409 says the first one went in)",
	},
	{
		is: isRefusedByNeon,
		log: "misconfigured: the database refused the connection settings",
		status: 500,
		detail: "the server is misconfigured; its log says which setting",
	},
	{
		is: isAnswerTooLarge,
		log: "answer too large",
		status: 500,
		detail: "the answer is larger than the database may send; ask for less",
	},
	{
		is: isCancelledByTimeout,
		log: "read cancelled: a statement ran past READ_STATEMENT_TIMEOUT_MS",
		status: 503,
		detail: "the database cancelled this read: it took too long; retry shortly, or ask for less",
		headers: { "Retry-After": RETRY_AFTER_SECONDS },
	},
	{
		is: isDatabaseUnavailable,
		log: "database unavailable",
		status: 503,
		detail: "the database is unavailable; retry shortly",
		headers: { "Retry-After": RETRY_AFTER_SECONDS },
	},
];
const UNHANDLED: Failure = {
	is: () => true,
	log: "unhandled error",
	status: 500,
	detail: "an unexpected error occurred",
};

/**
 * The last line of defence: every thrown error becomes a problem response. Nothing of the
 * error itself (SQL, stack, driver message) reaches the client; the log keeps it.
 */
export const onError: ErrorHandler<AppBindings> = (error, c) => {
	if (error instanceof HTTPException) {
		// A middleware that built its own (problem) response, such as bearer auth's 401.
		if (error.res) return error.getResponse();
		const status = error.status as ContentfulStatusCode;
		return problem(c, status, HTTP_EXCEPTION_DETAILS[status] ?? "the request cannot be processed");
	}
	const known = CLIENT_SQL_STATES[sqlStateOf(error) ?? ""];
	if (known) return problem(c, known.status, known.detail);
	const failure = DATABASE_FAILURES.find(({ is }) => is(error, c)) ?? UNHANDLED;
	log(c.env, "error", { msg: failure.log, requestId: c.get("requestId"), error: rootCauseOf(error) });
	return problem(c, failure.status, failure.detail, { headers: failure.headers });
};
