import { Client, neonConfig } from "@neondatabase/serverless";
import ws from "ws";
import { pointDriverAtLocalEndpoint } from "../neon-endpoint/point-driver";
import { type NeonEndpoint, startNeonEndpoint } from "../neon-endpoint/server";
import { CliError, describeError, EXIT } from "./cli";
import { asNeonTakesIt, isLocalDatabase } from "./local-url";

/**
 * Runs `work` with a connected Neon driver client (WebSocket, interactive transactions).
 * A local DATABASE_URL has no Neon in front of it, so one is started in this process.
 */
export async function withNeonClient<T>(givenUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
	const databaseUrl = asNeonTakesIt(givenUrl);
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
		// The driver sends its password without waiting to be asked (as against Neon), so a
		// refusal comes with the first query: asked here, it says the connection failed.
		await client.query("SELECT 1");
	} catch (error) {
		await endpoint?.close();
		const host = new URL(givenUrl).host;
		throw new CliError(`cannot connect to the database at ${host}: ${describeError(error)}`, EXIT.database);
	}
	try {
		return await work(client);
	} finally {
		await client.end().catch(() => {});
		await endpoint?.close();
	}
}
