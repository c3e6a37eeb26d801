// npm run dev — the API with its data on 127.0.0.1:PORT (8787), embedded PGlite in .data/
// unless DATABASE_URL names a Postgres; API_TOKEN makes writes need that token.
import { CliError, postgresUrlFrom, runCommand } from "../lib/cli";
import { announceEmbeddedDatabase, EMBEDDED_DATA_DIR, lockData } from "../lib/dev-data";
import { startLocalStack } from "../local-stack";

runCommand(
	"dev",
	async () => {
		const port = Number(process.env.PORT ?? 8787);
		if (!Number.isInteger(port) || port < 1 || port > 65_535)
			throw new CliError("PORT must be a port number, 1–65535");
		const databaseUrl = postgresUrlFrom("DATABASE_URL");
		const unlock = lockData();
		// Heard from the start, so that Ctrl-C while the stack starts still stops it and cleans
		// up (the lock, the private env file), and a second one does not end this process before
		// that. The script runs under node itself, not under a wrapper such as the tsx command,
		// whose signal relay kills a child that has not acknowledged a signal within 30 ms: a
		// busy machine missed that, mid-cleanup.
		const stopped = new Promise<void>((resolve) => {
			for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => resolve());
		});
		try {
			const stack = await startLocalStack({
				databaseUrl,
				dataDir: EMBEDDED_DATA_DIR,
				seedCsv: "data/titanic.csv",
				apiToken: process.env.API_TOKEN || undefined,
				port,
				inheritOutput: true,
				log: (line) => console.log(`dev: ${line}`),
			});
			// So that `db:load --embedded` can load into it while it runs.
			if (!databaseUrl) announceEmbeddedDatabase(stack.databaseUrl);
			console.log(`dev: API ${stack.apiUrl}/people · docs ${stack.apiUrl}/docs/ · Ctrl-C stops everything`);
			await Promise.race([stopped, stack.exited]);
			await stack.stop();
		} finally {
			unlock();
		}
	},
	"npm run dev (settings from the environment: PORT, DATABASE_URL, API_TOKEN; see docs/operating.md)",
);
