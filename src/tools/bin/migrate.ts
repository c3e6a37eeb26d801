import { CliError, describeError, EXIT, runCommand } from "../lib/cli";
import { migrateDatabase } from "../migrate";

runCommand("db:migrate", async () => {
	const url = process.env.DATABASE_URL;
	if (!url) throw new CliError("DATABASE_URL is not set (postgres://user:password@host:port/database)");
	try {
		await migrateDatabase(url);
	} catch (error) {
		throw new CliError(`migration failed: ${describeError(error)}`, EXIT.database);
	}
	console.log(`db:migrate: ${new URL(url).host} is up to date`);
});
