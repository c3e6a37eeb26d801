import { neon, neonConfig } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-http";
import type { Context } from "hono";
import { QUERY_TIMEOUT_MS } from "./timeouts";
import type { AppBindings } from "./types";

// A read's statements share one snapshot: a page and its count agree, and the snapshot is
// the state of the database the answer shows (its bookmark). Read only, so no read can write.
const READS = { isolationLevel: "RepeatableRead", readOnly: true } as const;

/**
 * Where one request's database milliseconds add up: `dbMs` waiting for answers (Server-Timing
 * `db`), and `pgMs` of reads' time inside Postgres (Server-Timing `pg`), which the read budget
 * charges: unlike the wait, it does not grow with the distance to the database.
 */
export interface DatabaseTiming {
	dbMs: number;
	pgMs: number;
}

interface ClientFetchOptions extends RequestInit {
	/** NEON_HTTP_ENDPOINT of the client's environment; empty = Neon itself. */
	endpoint?: string;
	timing?: DatabaseTiming;
}

// The driver's fetch is one for the module, its fetchOptions are per client: the endpoint
// and the request's timing travel in them, so nothing of one request is module state
// another sees.
neonConfig.fetchFunction = async (url: string, { endpoint, timing, ...init }: ClientFetchOptions) => {
	const started = performance.now();
	try {
		return await fetch(endpoint || url, init);
	} finally {
		if (timing) timing.dbMs += performance.now() - started;
	}
};

interface ClientOptions {
	timeoutMs?: number;
	/** Adds the time of every query to this request's total. */
	timing?: DatabaseTiming;
	/** Batches run as one read-only snapshot (REPEATABLE READ). */
	reads?: boolean;
}

/**
 * The Neon driver's HTTP client: every query (or batch) is one fetch, with no connection
 * to keep across requests. NEON_HTTP_ENDPOINT points it at the local endpoint in
 * development and tests; unset, it talks to Neon itself.
 */
export function neonClient(env: Env, { timeoutMs = QUERY_TIMEOUT_MS, timing, reads }: ClientOptions = {}) {
	const fetchOptions: ClientFetchOptions = {
		signal: AbortSignal.timeout(timeoutMs),
		endpoint: env.NEON_HTTP_ENDPOINT,
		timing,
	};
	return neon(env.DATABASE_URL, { fetchOptions, ...(reads ? READS : {}) });
}

/** A drizzle client over neonClient, with the timing its reads add to. */
export function createDb(env: Env, options?: ClientOptions) {
	const db = drizzle({ client: neonClient(env, options), casing: "snake_case" });
	return Object.assign(db, { timing: options?.timing });
}

/** The client a request's handler uses: its queries count in that request's Server-Timing. */
export function requestDb(c: Context<AppBindings>, options: Omit<ClientOptions, "timing"> = {}) {
	return createDb(c.env, { ...options, timing: c.var.dbTiming });
}

export type Db = ReturnType<typeof createDb>;
