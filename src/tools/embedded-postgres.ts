import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { oneSessionAtATime } from "./embedded-session";
import { ROOT, TOOL_CACHE } from "./lib/checkout";
import { asNeonTakesIt } from "./lib/local-url";

export interface EmbeddedPostgres {
	url: string;
	stop(): Promise<void>;
}

// PGlite multiplexes every connection onto one instance; a client pool larger than this
// gets its extra connections reset, so the local endpoint's pools stay at or under it.
export const EMBEDDED_MAX_CONNECTIONS = 10;

const PGLITE_VERSION: string = JSON.parse(
	readFileSync(join(ROOT, "node_modules/@electric-sql/pglite/package.json"), "utf8"),
).version;

/**
 * A new cluster's files as initdb leaves them, kept per PGlite version: initdb in
 * WebAssembly costs each start about 8 s of CPU, unpacking its result about 2 (docs/design.md,
 * Figures).
 */
export const NEW_CLUSTER = join(TOOL_CACHE, `pglite-${PGLITE_VERSION}-cluster.tar`);

/**
 * Starts PGlite (Postgres compiled to WebAssembly, in this process) and serves it over
 * the Postgres wire protocol, so pg, drizzle-kit and the local Neon endpoint reach it
 * exactly as they reach a real server. `dataDir` keeps the data; without it, memory only.
 */
export async function startEmbeddedPostgres(
	options: { dataDir?: string; port?: number } = {},
): Promise<EmbeddedPostgres> {
	const db = await openCluster(options.dataDir);
	const server = new PGLiteSocketServer({
		db,
		host: "127.0.0.1",
		port: options.port ?? 0,
		maxConnections: EMBEDDED_MAX_CONNECTIONS,
	});
	oneSessionAtATime(server, db);
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

/** The cluster in `dataDir` (or memory), new ones unpacked from the kept one, which the first makes. */
async function openCluster(dataDir: string | undefined): Promise<PGlite> {
	if (dataDir) mkdirSync(dataDir, { recursive: true });
	// pg_trgm backs the name search's index (migration 0002), as on Neon.
	const extensions = { pg_trgm };
	if (dataDir && existsSync(join(dataDir, "PG_VERSION"))) return PGlite.create(dataDir, { extensions });
	if (existsSync(NEW_CLUSTER)) {
		const loadDataDir = new Blob([readFileSync(NEW_CLUSTER)]);
		try {
			return await PGlite.create(dataDir, { extensions, loadDataDir });
		} catch {
			// A damaged copy (a full disk, an edit): initdb again below, and keep its result instead.
			rmSync(NEW_CLUSTER, { force: true });
			if (dataDir) {
				rmSync(dataDir, { recursive: true, force: true });
				mkdirSync(dataDir, { recursive: true });
			}
		}
	}
	const db = await PGlite.create(dataDir, { extensions });
	await keepNewCluster(db);
	return db;
}

/** Writes the new cluster's files once, whole or not at all: a run beside this one may read them. */
async function keepNewCluster(db: PGlite): Promise<void> {
	const files = Buffer.from(await (await db.dumpDataDir("none")).arrayBuffer());
	mkdirSync(TOOL_CACHE, { recursive: true });
	const partial = `${NEW_CLUSTER}.${process.pid}`;
	writeFileSync(partial, files);
	renameSync(partial, NEW_CLUSTER);
}
