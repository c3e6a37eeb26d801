import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

const MIGRATIONS_FOLDER = new URL("../../drizzle", import.meta.url).pathname;

/**
 * Applies the SQL migrations in drizzle/ that the database has not seen yet, in one
 * transaction; drizzle records each in drizzle.__drizzle_migrations, so a rerun is a no-op.
 * Plain pg over TCP reaches Neon, a local Postgres and the embedded one alike.
 */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
	const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
	await client.connect();
	try {
		await client.query("SET client_min_messages = warning");
		await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
	} finally {
		await client.end();
	}
}
