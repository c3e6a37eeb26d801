import { NeonDbError } from "@neondatabase/serverless";
import { describe, expect, it } from "vitest";
import {
	isAnswerTooLarge,
	isDatabaseUnavailable,
	isRefusedByNeon,
	sqlStateOf,
} from "../../src/lib/database-errors";

/** A NeonDbError as the driver throws it for each kind of answer (its HTTP mode). */
function neonError(message: string, code?: string): Error {
	const error = new NeonDbError(message);
	if (code !== undefined) error.code = code;
	// drizzle wraps a single query's error.
	return new Error("Failed query: …", { cause: error });
}

describe("what a database error means to a request", () => {
	it.each([
		[
			"a Postgres error (400 with its SQLSTATE)",
			neonError("duplicate key", "23505"),
			"23505",
			false,
			false,
			false,
		],
		[
			"Neon's refusal of the settings (400, empty SQLSTATE)",
			neonError("missing hostname", ""),
			undefined,
			true,
			false,
			false,
		],
		[
			"no answer at all (fetch failed)",
			neonError("Error connecting to database: fetch failed"),
			undefined,
			false,
			false,
			true,
		],
		[
			"a proxy failure (5xx)",
			neonError("Server error (HTTP status 502): cannot reach Postgres"),
			undefined,
			false,
			false,
			true,
		],
		[
			"an answer over Neon's limit (507)",
			neonError("Server error (HTTP status 507): response is too large"),
			undefined,
			false,
			true,
			false,
		],
		[
			"a connection lost mid-query (class 08)",
			neonError("connection failure", "08006"),
			"08006",
			false,
			false,
			true,
		],
		[
			"a compute shutting down (57P01)",
			neonError("terminating connection", "57P01"),
			"57P01",
			false,
			false,
			true,
		],
	])("%s", (_, error, state, refused, tooLarge, unavailable) => {
		expect([
			sqlStateOf(error),
			isRefusedByNeon(error),
			isAnswerTooLarge(error),
			isDatabaseUnavailable(error),
		]).toEqual([state, refused, tooLarge, unavailable]);
	});
});
