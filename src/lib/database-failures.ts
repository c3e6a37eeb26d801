import type { Context } from "hono";
import {
	isAnswerTooLarge,
	isCancelledByTimeout,
	isDatabaseUnavailable,
	isRefusedByNeon,
	isTimedOut,
	sqlStateOf,
} from "./database-errors";
import type { Failure } from "./on-error";
import { WRITE_METHODS } from "./write-methods";

const RETRY_AFTER_SECONDS = "5";

// Postgres refusals that a request can cause despite validation, and what they mean to it.
const CLIENT_SQL_STATES: Record<string, Failure> = {
	"23505": { status: 409, detail: "a person with this uuid already exists" },
	"23514": { status: 422, detail: "the values break a rule of the passenger list" },
	"22P02": { status: 400, detail: "a value has the wrong format" },
	"22021": { status: 400, detail: "a text value cannot be stored (NUL or invalid UTF-8)" },
	"22003": { status: 400, detail: "a number is out of range" },
};

// What failed when the request itself was fine, as the log and the client are told it.
const DATABASE_FAILURES: (Failure & { is: (error: unknown, c: Context) => boolean })[] = [
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

/** What a failed database call means to the client: its own doing (no log line), or the database's. */
export function databaseFailureOf(error: unknown, c: Context): Failure | undefined {
	const known = CLIENT_SQL_STATES[sqlStateOf(error) ?? ""];
	return known ?? DATABASE_FAILURES.find(({ is }) => is(error, c));
}
