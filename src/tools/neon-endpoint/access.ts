import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

// The local endpoint runs SQL as whoever its database URL names, often a superuser, so it
// serves only the process that started it: every path begins with a secret made per run,
// a browser page (which always sends Origin, and meets no CORS on a WebSocket) is refused,
// and only the database it was started for is reachable.

/** A fresh per-run secret, the first segment of every path the endpoint serves. */
export function newSecret(): string {
	return randomBytes(18).toString("base64url");
}

/** The path after `/<secret>`, or undefined for any request that lacks the secret or comes from a page. */
export function authorisedPath(req: IncomingMessage, secret: string): string | undefined {
	if (req.headers.origin !== undefined) return undefined;
	const url = new URL(req.url ?? "/", "http://localhost");
	const prefix = `/${secret}/`;
	return url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length - 1) : undefined;
}

interface Target {
	host: string;
	port: string;
	database: string;
	user: string;
}

/** What a Postgres URL points at: the parts that name a database, not how to log in. */
export function targetOf(databaseUrl: string): Target | undefined {
	if (!URL.canParse(databaseUrl)) return undefined;
	const url = new URL(databaseUrl);
	const user = decodeURIComponent(url.username);
	return {
		host: url.hostname,
		port: url.port || "5432",
		database: decodeURIComponent(url.pathname.slice(1)) || user,
		user,
	};
}

export function sameTarget(a: Target | undefined, b: Target): boolean {
	return (
		a !== undefined &&
		a.host === b.host &&
		a.port === b.port &&
		a.database === b.database &&
		a.user === b.user
	);
}

// Postgres' StartupMessage for protocol 3.0 (an SSLRequest or GSSENCRequest is refused:
// the tunnel is plain, as the driver is told locally).
const PROTOCOL_3 = 196608;

/**
 * The user and database a WebSocket client's first message asks Postgres for, or
 * undefined if it is not a complete StartupMessage.
 */
export function startupTarget(message: Buffer): { user: string; database: string } | undefined {
	if (
		message.length < 8 ||
		message.readInt32BE(0) > message.length ||
		message.readInt32BE(4) !== PROTOCOL_3
	) {
		return undefined;
	}
	const pairs = message.subarray(8, message.readInt32BE(0)).toString("utf8").split("\0");
	const params = new Map<string, string>();
	for (let i = 0; i + 1 < pairs.length; i += 2) params.set(pairs[i] ?? "", pairs[i + 1] ?? "");
	const user = params.get("user");
	return user ? { user, database: params.get("database") || user } : undefined;
}
