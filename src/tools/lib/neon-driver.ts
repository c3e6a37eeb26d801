import { Client, neonConfig } from "@neondatabase/serverless";
import ws from "ws";
import { type NeonEndpoint, startNeonEndpoint } from "../neon-endpoint/server";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export function isLocalDatabase(databaseUrl: string): boolean {
	return LOCAL_HOSTS.has(new URL(databaseUrl).hostname);
}

/** Points the Neon driver's WebSocket client at a local endpoint instead of Neon. */
export function useLocalNeonEndpoint(endpoint: Pick<NeonEndpoint, "webSocketHost">): void {
	neonConfig.wsProxy = (host, port) => `${endpoint.webSocketHost}/v2?address=${host}:${port}`;
	neonConfig.useSecureWebSocket = false;
	neonConfig.pipelineConnect = false;
	neonConfig.pipelineTLS = false;
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
	let endpoint: NeonEndpoint | undefined;
	if (isLocalDatabase(databaseUrl)) {
		endpoint = await startNeonEndpoint({ maxConnections: 1 });
		useLocalNeonEndpoint(endpoint);
	}
	const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
	try {
		await client.connect();
		return await work(client);
	} finally {
		await client.end().catch(() => {});
		await endpoint?.close();
	}
}
