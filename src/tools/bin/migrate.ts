// npm run db:migrate — applies the pending migrations in drizzle/ to DATABASE_URL.
import { CliError, describeError, EXIT, requiredPostgresUrl, runCommand } from "../lib/cli";
import { migrateDatabase } from "../migrate";

runCommand(
	"db:migrate",
	async () => {
		const url = requiredPostgresUrl("DATABASE_URL");
		let applied: string[];
		try {
			applied = await migrateDatabase(url);
		} catch (error) {
			throw new CliError(`migration failed: ${describeError(error)}`, EXIT.database);
		}
		const host = new URL(url).host;
		console.log(
			applied.length
				? `db:migrate: applied ${applied.length} migration(s) to ${host}: ${applied.join(", ")}`
				: `db:migrate: ${host} was up to date; nothing applied`,
		);
	},
	"DATABASE_URL=postgres://… npm run db:migrate",
);
