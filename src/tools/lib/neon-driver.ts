import { Client, neonConfig } from "@neondatabase/serverless";
import ws from "ws";
import { pointDriverAtLocalEndpoint } from "../neon-endpoint/point-driver";
import { type NeonEndpoint, startNeonEndpoint } from "../neon-endpoint/server";
import { CliError, describeError, EXIT } from "./cli";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

function isLocalDatabase(databaseUrl: string): boolean {
	return LOCAL_HOSTS.has(new URL(databaseUrl).hostname);
}

/**
 * Runs `work` with a connected Neon driver client (WebSocket, interactive transactions).
 * A local DATABASE_URL has no Neon in front of it, so one is started in this process.
 */
export async function withNeonClient<T>(
	databaseUrl: string,
	work: (client: Client) => Promise<T>,
): Promise<T> {
	neonConfig.webSocketConstructor = ws;
	// The driver's write coalescing copies its buffer on every write until a timer fires:
	// quadratic for a bulk COPY written in one go, so each write goes out as it comes.
	neonConfig.coalesceWrites = false;
	let endpoint: NeonEndpoint | undefined;
	if (isLocalDatabase(databaseUrl)) {
		endpoint = await startNeonEndpoint({ databaseUrl, maxConnections: 1 });
		pointDriverAtLocalEndpoint(neonConfig, endpoint.webSocketHost);
	}
	const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
	// A lost connection is also emitted as an event, which unheard would end the process
	// with a stack trace; the query in flight fails with it and says why in one line.
	client.on("error", () => {});
	try {
		await client.connect();
	} catch (error) {
		await endpoint?.close();
		const host = new URL(databaseUrl).host;
		throw new CliError(`cannot connect to the database at ${host}: ${describeError(error)}`, EXIT.database);
	}
	try {
		return await work(client);
	} finally {
		await client.end().catch(() => {});
		await endpoint?.close();
	}
}
