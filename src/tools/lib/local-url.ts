// Neon takes only URLs with a password and a host name (an IP address names no endpoint),
// and so does the local endpoint. A local database URL is put in that form before anything
// sees it; a local server that trusts its connections ignores the password.

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** The password a local URL without one is given. */
export const LOCAL_PASSWORD = "local";

/** Whether a database URL points at this machine. */
export function isLocalDatabase(databaseUrl: string): boolean {
	return LOOPBACK.has(new URL(databaseUrl).hostname);
}

/** A local database URL in the form Neon takes: `localhost`, and a password. Others unchanged. */
export function asNeonTakesIt(databaseUrl: string): string {
	if (!isLocalDatabase(databaseUrl)) return databaseUrl;
	const url = new URL(databaseUrl);
	url.hostname = "localhost";
	if (!url.password) url.password = LOCAL_PASSWORD;
	return url.toString();
}
