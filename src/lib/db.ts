import { neon, neonConfig } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-http";
import { timedFetch } from "./request-context";

// Past this, a query counts as failed and the client gets a 503: nothing hangs on a
// database that stopped answering.
const QUERY_TIMEOUT_MS = 5_000;

neonConfig.fetchFunction = timedFetch;

/**
 * A drizzle client over the Neon driver's HTTP mode: every query (or batch) is one fetch,
 * with no connection to keep across requests. NEON_HTTP_ENDPOINT points the driver at the
 * local endpoint in development and tests; unset, it talks to Neon itself.
 */
export function createDb(env: Env, timeoutMs = QUERY_TIMEOUT_MS) {
	if (env.NEON_HTTP_ENDPOINT) neonConfig.fetchEndpoint = env.NEON_HTTP_ENDPOINT;
	const client = neon(env.DATABASE_URL, { fetchOptions: { signal: AbortSignal.timeout(timeoutMs) } });
	return drizzle({ client, casing: "snake_case" });
}

export type Db = ReturnType<typeof createDb>;
