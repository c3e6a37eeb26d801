import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface LatencyProxy {
	/** `endpoint` with this proxy's origin: the same path, a round trip `rttMs` longer. */
	url: string;
	close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

// Hop-by-hop or recomputed: the rest of each message passes as it came.
const NOT_FORWARDED = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive"]);

/**
 * The distance from a Cloudflare location to Neon's region, on one machine: every HTTP
 * request to `endpoint` (the local Neon endpoint) takes half of `rttMs` to arrive and half
 * of it for its answer to come back.
 */
export async function startLatencyProxy(endpoint: string, rttMs: number): Promise<LatencyProxy> {
	const target = new URL(endpoint);
	const server = createServer(async (req, res) => {
		const body = await bodyOf(req);
		await sleep(rttMs / 2);
		const headers = Object.entries(req.headers).flatMap(([name, value]) =>
			NOT_FORWARDED.has(name) || value === undefined ? [] : [[name, String(value)] as [string, string]],
		);
		const answer = await fetch(new URL(req.url ?? "/", target.origin), {
			method: req.method,
			headers,
			body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
		}).then(
			async (response) => ({ status: response.status, body: Buffer.from(await response.arrayBuffer()) }),
			() => ({ status: 502, body: Buffer.from('{"message":"the endpoint is unreachable"}') }),
		);
		await sleep(rttMs / 2);
		res.writeHead(answer.status, { "content-type": "application/json" });
		res.end(answer.body);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const proxied = new URL(endpoint);
	proxied.port = String((server.address() as AddressInfo).port);
	return {
		url: proxied.toString(),
		async close() {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}
