import { withNeonClient } from "../lib/neon-driver";
import { productionVars } from "../lib/wrangler";
import { loadPassengers } from "../load/load-passengers";
import { migrateDatabase } from "../migrate";
import { type NeonEndpoint, startNeonEndpoint } from "../neon-endpoint/server";
import { createScratchDatabase } from "../scratch-database";
import { benchAdminUrl } from "./shared";

export const BENCH_API_TOKEN = "bench-token";

/**
 * What bench:api and bench:cold measure the worker against: a scratch database on the
 * benchmarks' server, migrated and holding data/titanic.csv, behind the local Neon endpoint.
 */
export async function startPassengerDatabase(): Promise<{
	url: string;
	endpoint: NeonEndpoint;
	close(): Promise<void>;
}> {
	const database = await createScratchDatabase(benchAdminUrl(), "titanic_bench");
	await migrateDatabase(database.url);
	await withNeonClient(database.url, (client) => loadPassengers(client, "data/titanic.csv"));
	const endpoint = await startNeonEndpoint({ databaseUrl: database.url, maxConnections: 20 });
	return {
		url: database.url,
		endpoint,
		async close() {
			await endpoint.close();
			await database.drop();
		},
	};
}

/** A checkout's production settings (its wrangler.toml) against `database`, with the token writes need. */
export async function benchVars(checkout: string, database: { url: string; endpoint: NeonEndpoint }) {
	return {
		...(await productionVars(checkout)),
		NEON_HTTP_ENDPOINT: database.endpoint.httpUrl,
		DATABASE_URL: database.url,
		API_TOKEN: BENCH_API_TOKEN,
	};
}
