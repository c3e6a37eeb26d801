import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { connectPostgres, parseAddress, tunnelPostgresOverWebSocket } from "./postgres-over-websocket";
import { PostgresPools } from "./postgres-pools";
import { answerSqlOverHttp, type Query } from "./sql-over-http";

// How many of the latest HTTP round trips GET /queries shows, each as its list of
// statements with their parameters (benchmarks and plan tests EXPLAIN them).
const QUERY_LOG_SIZE = 50;

export interface NeonEndpointOptions {
	port?: number;
	host?: string;
	/** Connections per database; keep at or under the embedded server's limit. */
	maxConnections?: number;
}

export interface NeonEndpoint {
	/** For `neonConfig.fetchEndpoint` and the worker's NEON_HTTP_ENDPOINT. */
	httpUrl: string;
	/** host:port for `neonConfig.wsProxy`. */
	webSocketHost: string;
	port: number;
	/** SQL round trips served: HTTP queries (a batch is one) plus WebSocket messages. */
	roundTrips(): number;
	close(): Promise<void>;
}

/**
 * A local stand-in for Neon's serverless endpoint, so the worker runs the same driver code
 * against a local Postgres as against Neon. `GET /stats` reports the round-trip counter,
 * `GET /queries` the statements of the latest round trips.
 */
export async function startNeonEndpoint(options: NeonEndpointOptions = {}): Promise<NeonEndpoint> {
	const { port = 0, host = "127.0.0.1", maxConnections = 10 } = options;
	const pools = new PostgresPools(maxConnections);
	let roundTrips = 0;
	const queryLog: Query[][] = [];
	const logQueries = (queries: Query[]) => {
		queryLog.push(queries);
		queryLog.splice(0, queryLog.length - QUERY_LOG_SIZE);
	};

	const server: Server = createServer(async (req, res) => {
		if (req.method === "GET" && req.url === "/stats") {
			res.writeHead(200, { "content-type": "application/json" });
			res.end(JSON.stringify({ roundTrips }));
			return;
		}
		if (req.method === "GET" && req.url === "/queries") {
			res.writeHead(200, { "content-type": "application/json" });
			res.end(JSON.stringify(queryLog));
			return;
		}
		if (req.method !== "POST" || !req.url?.startsWith("/sql")) {
			res.writeHead(404, { "content-type": "application/json" });
			res.end(JSON.stringify({ message: "not found: POST /sql, GET /stats, GET /queries or WebSocket /v2" }));
			return;
		}
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		roundTrips++;
		const body = Buffer.concat(chunks).toString("utf8");
		const reply = await answerSqlOverHttp(pools, req.headers, body, logQueries);
		res.writeHead(reply.status, { "content-type": "application/json" });
		res.end(JSON.stringify(reply.body));
	});

	const webSockets = new WebSocketServer({ noServer: true });
	server.on("upgrade", (req, socket, head) => {
		const url = new URL(req.url ?? "/", "http://localhost");
		const address = url.pathname === "/v2" ? parseAddress(url) : undefined;
		if (!address) {
			socket.end("HTTP/1.1 400 Bad Request\r\n\r\n");
			return;
		}
		connectPostgres(address).then(
			(tcp) =>
				webSockets.handleUpgrade(req, socket, head, (ws) =>
					tunnelPostgresOverWebSocket(ws, tcp, () => roundTrips++),
				),
			() => socket.end("HTTP/1.1 502 Bad Gateway\r\n\r\n"),
		);
	});

	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(port, host, resolve);
	});
	const bound = (server.address() as AddressInfo).port;
	return {
		httpUrl: `http://${host}:${bound}/sql`,
		webSocketHost: `${host}:${bound}`,
		port: bound,
		roundTrips: () => roundTrips,
		async close() {
			for (const ws of webSockets.clients) ws.terminate();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await pools.end();
		},
	};
}
