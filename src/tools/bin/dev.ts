import { runCommand } from "../lib/cli";
import { startLocalStack } from "../local-stack";

runCommand("dev", async () => {
	const port = Number(process.env.PORT ?? 8787);
	const stack = await startLocalStack({
		databaseUrl: process.env.DATABASE_URL || undefined,
		dataDir: ".data/pglite",
		stateDir: ".data/wrangler",
		seedCsv: "data/titanic.csv",
		apiToken: process.env.API_TOKEN || undefined,
		port,
		inheritOutput: true,
		log: (line) => console.log(`dev: ${line}`),
	});
	console.log(`dev: API ${stack.apiUrl}/people · docs ${stack.apiUrl}/docs · Ctrl-C stops everything`);
	const stopped = new Promise<void>((resolve) => {
		process.once("SIGINT", resolve);
		process.once("SIGTERM", resolve);
	});
	await Promise.race([stopped, stack.exited]);
	await stack.stop();
});
