import { NeonDbError } from "@neondatabase/serverless";

/**
 * The Postgres SQLSTATE behind a failed query, if Postgres answered at all. drizzle wraps
 * single queries' errors (the NeonDbError is the cause) but passes batch errors through.
 */
export function sqlStateOf(error: unknown): string | undefined {
	for (let e: unknown = error; e instanceof Error; e = e.cause) {
		if (e instanceof NeonDbError && e.code) return e.code;
	}
	return undefined;
}

/**
 * True when the database could not be reached or answered with a transport failure,
 * rather than with a Postgres error: the case for 503 and Retry-After.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	for (let e: unknown = error; e instanceof Error; e = e.cause) {
		if (e instanceof NeonDbError) {
			// Class 08 is connection exceptions; 57P01–57P03 are shutdown and start-up.
			return !e.code || e.code.startsWith("08") || /^57P0[123]$/.test(e.code);
		}
	}
	return false;
}

/**
 * What to log about a failure: the innermost cause's message. drizzle's wrapper message
 * carries the SQL and its parameters (passenger data), which stay out of the logs.
 */
export function rootCauseOf(error: unknown): string {
	let e: unknown = error;
	while (e instanceof Error && e.cause instanceof Error) e = e.cause;
	return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
