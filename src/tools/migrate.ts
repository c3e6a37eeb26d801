import { readFileSync } from "node:fs";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { ROOT } from "./lib/checkout";

/** This checkout's migrations, as drizzle-kit writes them. */
export const MIGRATIONS_FOLDER = join(ROOT, "drizzle");

export interface JournalEntry {
	tag: string;
	when: number;
}

/** A migrations folder's journal: its migrations, oldest first. */
export function journalOf(folder: string): JournalEntry[] {
	return JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8")).entries;
}

/** The journal timestamps of the migrations the database has recorded (none before the first). */
async function recorded(client: pg.Client): Promise<Set<number>> {
	const { rows } = await client
		.query<{ created_at: string }>("SELECT created_at::text FROM drizzle.__drizzle_migrations")
		.catch(() => ({ rows: [] }));
	return new Set(rows.map((row) => Number(row.created_at)));
}

/**
 * Applies the SQL migrations in drizzle/ (or another checkout's folder) that the database has not seen yet, in one
 * transaction; drizzle records each in drizzle.__drizzle_migrations, so a rerun is a no-op.
 * Plain pg over TCP reaches Neon, a local Postgres and the embedded one alike. Returns the
 * tags of the migrations it applied.
 */
export async function migrateDatabase(databaseUrl: string, folder = MIGRATIONS_FOLDER): Promise<string[]> {
	const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
	await client.connect();
	try {
		await client.query("SET client_min_messages = warning");
		const before = await recorded(client);
		await migrate(drizzle({ client }), { migrationsFolder: folder });
		return journalOf(folder)
			.filter((entry) => !before.has(entry.when))
			.map((entry) => entry.tag);
	} finally {
		await client.end();
	}
}
