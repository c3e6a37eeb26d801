import { createServer } from "node:net";
import { CliError } from "./cli";

/** Fails with one clear line when another program already listens on the port. */
export async function assertPortFree(port: number, host = "127.0.0.1"): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const probe = createServer();
		probe.once("error", (error: NodeJS.ErrnoException) =>
			reject(
				error.code === "EADDRINUSE"
					? new CliError(`port ${port} on ${host} is taken; stop what uses it or set PORT`)
					: error,
			),
		);
		probe.listen(port, host, () => probe.close(() => resolve()));
	});
}

/**
 * Below the ports the system hands out for outgoing connections and port 0 (32768 and up
 * on Linux, 49152 and up on macOS): a port chosen there can be taken by any connection of
 * any process before the server that needs it binds it, which test runs side by side did.
 */
const FIXED_PORTS = { from: 20_000, to: 32_000 };

/** A port nothing listens on right now, for a server that needs a fixed one (wrangler dev). */
export async function freePort(): Promise<number> {
	for (;;) {
		const port = FIXED_PORTS.from + Math.floor(Math.random() * (FIXED_PORTS.to - FIXED_PORTS.from));
		const free = await assertPortFree(port).then(
			() => true,
			() => false,
		);
		if (free) return port;
	}
}
