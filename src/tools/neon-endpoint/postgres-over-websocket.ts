import { connect } from "node:net";
import type { WebSocket } from "ws";

// Postgres' Terminate message: type 'X' and a length of 4. The Neon driver sends it and
// then waits for the socket to close without closing it itself, so the tunnel must.
const TERMINATE = Buffer.from([0x58, 0, 0, 0, 4]);

/**
 * Tunnels one WebSocket of the Neon driver (`Pool`/`Client`) to a Postgres TCP socket:
 * binary frames in both directions, the wire protocol untouched.
 */
export function tunnelPostgresOverWebSocket(
	socket: WebSocket,
	address: { host: string; port: number },
	onClientMessage: () => void,
): void {
	const tcp = connect(address.port, address.host);
	const pending: Buffer[] = [];
	tcp.on("connect", () => {
		for (const chunk of pending.splice(0)) tcp.write(chunk);
	});
	tcp.on("data", (data) => socket.send(data));
	tcp.on("close", () => socket.close());
	tcp.on("error", () => socket.terminate());
	socket.on("message", (data: Buffer) => {
		onClientMessage();
		if (tcp.connecting) pending.push(data);
		else tcp.write(data);
		if (data.subarray(-TERMINATE.length).equals(TERMINATE)) tcp.end();
	});
	socket.on("close", () => tcp.end());
	socket.on("error", () => tcp.destroy());
}

/** Reads `host:port` from the driver's `/v2?address=host:port`. */
export function parseAddress(url: URL): { host: string; port: number } | undefined {
	const match = /^(.+):(\d+)$/.exec(url.searchParams.get("address") ?? "");
	if (!match) return undefined;
	return { host: match[1] ?? "", port: Number(match[2]) };
}
