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

/** A port nothing listens on right now, for a server that needs a fixed one (wrangler dev). */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once("error", reject);
		probe.listen(0, "127.0.0.1", () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}
