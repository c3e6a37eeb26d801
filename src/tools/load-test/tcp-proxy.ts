import { connect, createServer, type Socket } from "node:net";

export interface TcpProxy {
	port: number;
	/** Drops every open connection and refuses new ones: the database path is cut. */
	cut(): void;
	restore(): void;
	close(): Promise<void>;
}

/**
 * A TCP relay in front of Postgres, so a test can cut the database path and mend it
 * without touching the machine's shared server.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
	const open = new Set<Socket>();
	let cut = false;
	const server = createServer((client) => {
		if (cut) {
			client.destroy();
			return;
		}
		const upstream = connect(target.port, target.host);
		for (const socket of [client, upstream]) {
			open.add(socket);
			socket.on("close", () => open.delete(socket));
			socket.on("error", () => {
				client.destroy();
				upstream.destroy();
			});
		}
		client.pipe(upstream).pipe(client);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	return {
		port: (server.address() as { port: number }).port,
		cut() {
			cut = true;
			for (const socket of open) socket.destroy();
		},
		restore() {
			cut = false;
		},
		async close() {
			for (const socket of open) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}
