import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { asNeonTakesIt } from "./lib/local-url";

export interface EmbeddedPostgres {
	url: string;
	stop(): Promise<void>;
}

// PGlite multiplexes every connection onto one instance; a client pool larger than this
// gets its extra connections reset, so the local endpoint's pools stay at or under it.
export const EMBEDDED_MAX_CONNECTIONS = 10;

/**
 * Starts PGlite (Postgres compiled to WebAssembly, in this process) and serves it over
 * the Postgres wire protocol, so pg, drizzle-kit and the local Neon endpoint reach it
 * exactly as they reach a real server. `dataDir` keeps the data; without it, memory only.
 */
export async function startEmbeddedPostgres(
	options: { dataDir?: string; port?: number } = {},
): Promise<EmbeddedPostgres> {
	if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
	// pg_trgm backs the name search's index (migration 0002), as on Neon.
	const db = await PGlite.create(options.dataDir, { extensions: { pg_trgm } });
	const server = new PGLiteSocketServer({
		db,
		host: "127.0.0.1",
		port: options.port ?? 0,
		maxConnections: EMBEDDED_MAX_CONNECTIONS,
	});
	try {
		await server.start();
	} catch (error) {
		await db.close();
		throw error;
	}
	const port = Number(server.getServerConn().split(":").pop());
	return {
		url: asNeonTakesIt(`postgres://postgres@127.0.0.1:${port}/postgres`),
		async stop() {
			await server.stop();
			await db.close();
		},
	};
}
