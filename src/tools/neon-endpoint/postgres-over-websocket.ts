import { connect, type Socket } from "node:net";
import type { WebSocket } from "ws";

// Postgres' Terminate message: type 'X' and a length of 4. The Neon driver sends it and
// then waits for the socket to close without closing it itself, so the tunnel must.
const TERMINATE = Buffer.from([0x58, 0, 0, 0, 4]);

/** Opens the TCP side of a tunnel to Postgres; rejects when Postgres cannot be reached. */
export function connectPostgres(address: { host: string; port: number }): Promise<Socket> {
	return new Promise((resolve, reject) => {
		const tcp = connect(address.port, address.host);
		tcp.setNoDelay(true);
		tcp.once("connect", () => {
			tcp.off("error", reject);
			resolve(tcp);
		});
		tcp.once("error", reject);
	});
}

/**
 * Tunnels one WebSocket of the Neon driver (`Pool`/`Client`) to a Postgres TCP socket:
 * binary frames in both directions, the wire protocol untouched, starting with the
 * client's `first` message (already read, to check it).
 */
export function tunnelPostgresOverWebSocket(
	socket: WebSocket,
	tcp: Socket,
	first: Buffer,
	onClientMessage: () => void,
): void {
	tcp.on("data", (data) => socket.send(data));
	tcp.on("close", () => socket.close());
	tcp.on("error", () => socket.terminate());
	const forward = (data: Buffer) => {
		onClientMessage();
		tcp.write(data);
		if (data.subarray(-TERMINATE.length).equals(TERMINATE)) tcp.end();
	};
	forward(first);
	socket.on("message", forward);
	socket.on("close", () => tcp.end());
	socket.on("error", () => tcp.destroy());
}
