// Who may connect, as Neon's proxy decides it (proxy/src/serverless/sql_over_http.rs and
// error.rs in neondatabase/neon): a postgres URL with a user, a password and a host name
// (Neon routes by the endpoint id in it, so an IP address names nothing), and no bearer
// token (this endpoint plays a proxy that takes passwords, not JWTs). Its refusals are HTTP
// 400s in Neon's words, with an empty SQLSTATE: they come from the proxy, not Postgres.

const IP_ADDRESS = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

/** Why Neon would refuse this Neon-Connection-String (and Authorization); undefined if it would not. */
export function refusal(connectionString: string | undefined, authorization: string | undefined) {
	if (!connectionString) return "invalid header: neon-connection-string";
	if (!URL.canParse(connectionString)) return "invalid connection string: relative URL without a base";
	const url = new URL(connectionString);
	if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") return "incorrect scheme";
	if (!url.username) return "missing username";
	if (authorization !== undefined || !url.password)
		return "missing authentication credentials: required password";
	if (!url.hostname || IP_ADDRESS.test(url.hostname)) return "missing hostname";
	return undefined;
}

/**
 * Whether `password` is the one the endpoint's own database URL names. Neon checks it
 * against the role; a URL without one (a local server that trusts every connection)
 * takes any.
 */
export function passwordMatches(databaseUrl: string, password: string): boolean {
	const expected = decodeURIComponent(new URL(databaseUrl).password);
	return expected === "" || expected === password;
}

/** Neon's answer when the password is wrong. */
export const wrongPassword = (user: string) => `password authentication failed for user '${user}'`;
