import pg from "pg";
import { EMBEDDED_MAX_CONNECTIONS, startEmbeddedPostgres } from "./embedded-postgres";
import { asNeonTakesIt } from "./lib/local-url";

export interface ScratchDatabase {
	url: string;
	/** Connections the local endpoint may open per database. */
	maxConnections: number;
	drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test or benchmark run: a throwaway database on the
 * server that `adminUrl` names (e.g. postgres://postgres@127.0.0.1:5432/postgres), or an
 * in-memory embedded PGlite without one. `drop()` removes it.
 */
export async function createScratchDatabase(
	adminUrl: string | undefined,
	prefix: string,
): Promise<ScratchDatabase> {
	if (!adminUrl) {
		const embedded = await startEmbeddedPostgres();
		return { url: embedded.url, maxConnections: EMBEDDED_MAX_CONNECTIONS, drop: embedded.stop };
	}
	const name = `${prefix}_${process.pid}_${Date.now()}`;
	await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: asNeonTakesIt(url.toString()),
		maxConnections: 20,
		drop: () => withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
	};
}

async function withAdmin(adminUrl: string, work: (admin: pg.Client) => Promise<unknown>): Promise<void> {
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await work(admin);
	} finally {
		await admin.end();
	}
}
