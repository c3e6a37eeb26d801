import { neon, neonConfig } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-http";
import { timedFetch } from "./request-context";

// Past this, a query counts as failed and the client gets a 503: nothing hangs on a
// database that stopped answering.
const QUERY_TIMEOUT_MS = 5_000;

interface ClientFetchOptions extends RequestInit {
	/** NEON_HTTP_ENDPOINT of the client's environment; empty = Neon itself. */
	endpoint?: string;
}

// The driver's fetch is one for the module, its fetchOptions are per client: the endpoint
// travels in them, so one environment's endpoint is never module state another sees.
neonConfig.fetchFunction = (url: string, { endpoint, ...init }: ClientFetchOptions) =>
	timedFetch(endpoint || url, init);

/**
 * The Neon driver's HTTP client: every query (or batch) is one fetch, with no connection
 * to keep across requests. NEON_HTTP_ENDPOINT points it at the local endpoint in
 * development and tests; unset, it talks to Neon itself.
 */
export function neonClient(env: Env, timeoutMs = QUERY_TIMEOUT_MS) {
	const fetchOptions: ClientFetchOptions = {
		signal: AbortSignal.timeout(timeoutMs),
		endpoint: env.NEON_HTTP_ENDPOINT,
	};
	return neon(env.DATABASE_URL, { fetchOptions });
}

/** A drizzle client over neonClient. */
export function createDb(env: Env, timeoutMs = QUERY_TIMEOUT_MS) {
	return drizzle({ client: neonClient(env, timeoutMs), casing: "snake_case" });
}

export type Db = ReturnType<typeof createDb>;
