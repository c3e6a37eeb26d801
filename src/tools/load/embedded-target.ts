import { startEmbeddedPostgres } from "../embedded-postgres";
import { CliError } from "../lib/cli";
import { EMBEDDED_DATA_DIR, lockData, runningEmbeddedDatabase } from "../lib/dev-data";
import { migrateDatabase } from "../migrate";

/** A database to load into: its URL, how to name it, and what to do when the load is over. */
export interface LoadTarget {
	url: string;
	name: string;
	release(): Promise<void>;
}

/**
 * npm run dev's embedded database (`db:load --embedded`): through the running npm run dev,
 * which serves it; else opened here, in .data/pglite, migrated, and closed again, holding
 * .data/ meanwhile so that no npm run dev opens it at the same time.
 */
export async function embeddedTarget(): Promise<LoadTarget> {
	if (process.env.DATABASE_URL) {
		throw new CliError(
			"--embedded loads into npm run dev's embedded database: unset DATABASE_URL, or leave out --embedded",
		);
	}
	const served = runningEmbeddedDatabase();
	if (served) {
		return { url: served, name: "the embedded database of the running npm run dev", release: async () => {} };
	}
	const unlock = lockData();
	try {
		const database = await startEmbeddedPostgres({ dataDir: EMBEDDED_DATA_DIR });
		await migrateDatabase(database.url).catch(async (error) => {
			await database.stop();
			throw error;
		});
		return {
			url: database.url,
			name: `the embedded database in ${EMBEDDED_DATA_DIR}`,
			async release() {
				await database.stop();
				unlock();
			},
		};
	} catch (error) {
		unlock();
		throw error;
	}
}
