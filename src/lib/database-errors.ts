import { NeonDbError } from "@neondatabase/serverless";

/**
 * The Postgres SQLSTATE behind a failed query, if Postgres answered at all. drizzle wraps
 * single queries' errors (the NeonDbError is the cause) but passes batch errors through.
 */
export function sqlStateOf(error: unknown): string | undefined {
	return neonErrorOf(error)?.code || undefined;
}

function neonErrorOf(error: unknown): NeonDbError | undefined {
	for (let e: unknown = error; e instanceof Error; e = e.cause) if (e instanceof NeonDbError) return e;
	return undefined;
}

/**
 * True when Neon refused the request itself, before Postgres ran anything: an HTTP 400
 * whose SQLSTATE is empty (a connection string without a password or a host name, a wrong
 * password, an invalid transaction setting). Retrying cannot help: the settings must change.
 */
export function isRefusedByNeon(error: unknown): boolean {
	return neonErrorOf(error)?.code === "";
}

/** True when Neon would not send the answer: larger than its limit (HTTP 507). */
export function isAnswerTooLarge(error: unknown): boolean {
	return neonErrorOf(error)?.message.startsWith("Server error (HTTP status 507)") ?? false;
}

/**
 * True when the database could not be reached or answered with a transport failure,
 * rather than with a Postgres error: the case for 503 and Retry-After.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	const e = neonErrorOf(error);
	if (!e || isRefusedByNeon(e) || isAnswerTooLarge(e)) return false;
	// Class 08 is connection exceptions; 57P01–57P03 are shutdown and start-up.
	return e.code === undefined || e.code.startsWith("08") || /^57P0[123]$/.test(e.code);
}

/** True when Postgres cancelled a statement for running past its statement_timeout (SQLSTATE 57014). */
export function isCancelledByTimeout(error: unknown): boolean {
	return sqlStateOf(error) === "57014";
}

/**
 * True when the database did not answer within the query timeout: the request was sent,
 * so a write may have committed although no answer came back.
 */
export function isTimedOut(error: unknown): boolean {
	const source = (neonErrorOf(error) as { sourceError?: unknown } | undefined)?.sourceError;
	return source instanceof Error && (source.name === "TimeoutError" || source.name === "AbortError");
}

/** The value a unique violation (23505) names in its detail, "Key (uuid)=(…) already exists". */
export function duplicateValueOf(error: unknown): string | undefined {
	const e = neonErrorOf(error);
	return e?.code === "23505" ? /=\((.*)\) already exists/.exec(e.detail ?? "")?.[1] : undefined;
}
