import { neon, neonConfig } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-http";

/**
 * A drizzle client over the Neon driver's HTTP mode: every query (or batch) is one fetch,
 * with no connection to keep across requests. NEON_HTTP_ENDPOINT points the driver at the
 * local endpoint in development and tests; unset, it talks to Neon itself.
 */
export function createDb(env: Env) {
	if (env.NEON_HTTP_ENDPOINT) neonConfig.fetchEndpoint = env.NEON_HTTP_ENDPOINT;
	return drizzle({ client: neon(env.DATABASE_URL), casing: "snake_case" });
}

export type Db = ReturnType<typeof createDb>;
