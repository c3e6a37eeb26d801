import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { authorisedPath, newSecret, sameTarget, targetOf } from "./access";
import { type ColdStart, Compute } from "./compute";
import { passwordMatches, refusal, wrongPassword } from "./credentials";
import { connectPostgres, tunnelPostgresOverWebSocket } from "./postgres-over-websocket";
import { PostgresPools } from "./postgres-pools";
import { answerSqlOverHttp, type HttpReply, neonError, type Query } from "./sql-over-http";
import { fatal, readHandshake } from "./websocket-auth";

// How many of the latest HTTP round trips GET /queries shows, each as its list of
// statements with their parameters (benchmarks and plan tests EXPLAIN them).
const QUERY_LOG_SIZE = 50;
// The worker's statements are small (a page of 1,000 rows is read, never sent); a COPY
// batch of the loader travels as one WebSocket message.
const MAX_HTTP_BODY_BYTES = 1024 * 1024;
const MAX_WEBSOCKET_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface NeonEndpointOptions {
	/** The one database this endpoint serves. */
	databaseUrl: string;
	port?: number;
	host?: string;
	/** Connections per database; keep at or under the embedded server's limit. */
	maxConnections?: number;
	/** Neon's scale to zero: without it, the database never sleeps. */
	coldStart?: ColdStart;
}

export interface NeonEndpoint {
	/** For the worker's NEON_HTTP_ENDPOINT: the per-run secret is part of it; `stats` and `queries` sit beside it. */
	httpUrl: string;
	/** host:port/secret for `neonConfig.wsProxy` (see point-driver.ts). */
	webSocketHost: string;
	/** SQL round trips served: HTTP queries (a batch is one) plus WebSocket messages. */
	roundTrips(): number;
	close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_HTTP_BODY_BYTES) return undefined;
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString("utf8");
}

/**
 * A local stand-in for Neon's serverless endpoint, so the worker runs the same driver code
 * against a local Postgres as against Neon: `POST …/sql` and WebSocket `…/v2`, plus
 * `GET …/stats` (round trips, and wakes from a cold start) and `GET …/queries` (the latest
 * statements).
 * It serves one database, to whoever knows its per-run secret (see access.ts).
 */
export async function startNeonEndpoint(options: NeonEndpointOptions): Promise<NeonEndpoint> {
	const { port = 0, host = "127.0.0.1", maxConnections = 10 } = options;
	const target = targetOf(options.databaseUrl);
	if (!target) throw new Error("the local Neon endpoint needs a postgres:// URL of its database");
	const secret = newSecret();
	const pools = new PostgresPools(maxConnections);
	const compute = new Compute(options.coldStart);
	let roundTrips = 0;
	const queryLog: Query[][] = [];
	const logQueries = (queries: Query[]) => {
		queryLog.push(queries);
		queryLog.splice(0, queryLog.length - QUERY_LOG_SIZE);
	};
	const send = (res: ServerResponse, { status, json }: HttpReply) => {
		res.writeHead(status, { "content-type": "application/json" });
		res.end(json);
	};
	const reply = (res: ServerResponse, status: number, body: unknown) =>
		send(res, { status, json: JSON.stringify(body) });

	const server: Server = createServer(async (req, res) => {
		const path = authorisedPath(req, secret);
		if (path === undefined) return reply(res, 404, { message: "not found" });
		if (req.method === "GET" && path === "/stats")
			return reply(res, 200, { roundTrips, wakes: compute.wakes });
		if (req.method === "GET" && path === "/queries") return reply(res, 200, queryLog);
		if (req.method !== "POST" || path !== "/sql") {
			return reply(res, 404, { message: "not found: POST sql, GET stats, GET queries or WebSocket v2" });
		}
		const connectionString = req.headers["neon-connection-string"];
		const refused = refusal(
			typeof connectionString === "string" ? connectionString : undefined,
			req.headers.authorization,
		);
		if (refused !== undefined) return send(res, neonError(400, refused));
		const asked = new URL(connectionString as string);
		if (!sameTarget(targetOf(asked.href), target)) {
			return reply(res, 403, { message: "this endpoint serves one database only" });
		}
		if (!passwordMatches(options.databaseUrl, decodeURIComponent(asked.password))) {
			return send(res, neonError(400, wrongPassword(decodeURIComponent(asked.username))));
		}
		const body = await readBody(req);
		if (body === undefined)
			return reply(res, 413, { message: `bodies are limited to ${MAX_HTTP_BODY_BYTES} bytes` });
		roundTrips++;
		// The client may give up (its fetch times out): Neon then cancels what it started.
		const gone = new AbortController();
		res.on("close", () => {
			if (!res.writableFinished) gone.abort();
		});
		await compute.enter();
		try {
			// Its own database URL, never the client's string: as Neon's proxy, the endpoint
			// takes only user, password, host and database from it, which were checked above;
			// parameters such as ?user= or ?host= would otherwise reach another database.
			send(
				res,
				await answerSqlOverHttp(pools, options.databaseUrl, req.headers, body, gone.signal, logQueries),
			);
		} finally {
			compute.leave();
		}
	});

	const webSockets = new WebSocketServer({ noServer: true, maxPayload: MAX_WEBSOCKET_MESSAGE_BYTES });
	server.on("upgrade", (req, socket, head) => {
		if (authorisedPath(req, secret) !== "/v2") {
			socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
			return;
		}
		webSockets.handleUpgrade(req, socket, head, async (ws) => {
			const refuse = (code: string, message: string) => {
				ws.send(fatal(code, message));
				ws.close();
			};
			const handshake = await readHandshake(ws);
			if (!handshake) return ws.close(1008, "expected a Postgres StartupMessage and a password");
			// The driver names host:port in the URL; whatever it names, the tunnel goes to this
			// endpoint's database, and the client must ask for that database.
			const { user, database, password } = handshake;
			if (!sameTarget({ ...target, user, database }, target)) {
				return refuse("3D000", "this endpoint serves one database only");
			}
			if (!passwordMatches(options.databaseUrl, password)) return refuse("28P01", wrongPassword(user));
			// The compute stays awake while the tunnel is open.
			await compute.enter();
			connectPostgres({ host: target.host, port: Number(target.port) }).then(
				(tcp) => {
					tcp.once("close", () => compute.leave());
					const first = Buffer.concat([handshake.startup, handshake.takeRest()]);
					tunnelPostgresOverWebSocket(ws, tcp, first, () => roundTrips++);
				},
				() => {
					compute.leave();
					refuse("08006", "cannot reach Postgres");
				},
			);
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(port, host, resolve);
	});
	const bound = (server.address() as AddressInfo).port;
	return {
		httpUrl: `http://${host}:${bound}/${secret}/sql`,
		webSocketHost: `${host}:${bound}/${secret}`,
		roundTrips: () => roundTrips,
		async close() {
			for (const ws of webSockets.clients) ws.terminate();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await pools.end();
		},
	};
}
