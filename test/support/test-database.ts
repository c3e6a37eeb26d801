import pg from "pg";
import { EMBEDDED_MAX_CONNECTIONS, startEmbeddedPostgres } from "../../src/tools/embedded-postgres";

export interface TestDatabase {
	url: string;
	/** Connections the local endpoint may open per database. */
	maxConnections: number;
	drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test run: a throwaway database on the server that
 * TEST_DATABASE_URL (an admin URL) names, or else an in-memory embedded PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
	const adminUrl = process.env.TEST_DATABASE_URL;
	if (!adminUrl) {
		const embedded = await startEmbeddedPostgres();
		return { url: embedded.url, maxConnections: EMBEDDED_MAX_CONNECTIONS, drop: embedded.stop };
	}
	const name = `titanic_test_${process.pid}_${Date.now()}`;
	await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
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
