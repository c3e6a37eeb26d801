// npm run dev — the API with its data on 127.0.0.1:PORT (8787), embedded PGlite in .data/
// unless DATABASE_URL names a Postgres; API_TOKEN makes writes need that token.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { CliError, postgresUrlFrom, runCommand } from "../lib/cli";
import { startLocalStack } from "../local-stack";

const DATA = ".data";
const LOCK = `${DATA}/dev.pid`;

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * One `npm run dev` per checkout: two would open the same embedded database at once, and
 * lose writes. A lock left by a dead process is taken over.
 */
function lockData(): () => void {
	mkdirSync(DATA, { recursive: true });
	try {
		writeFileSync(LOCK, String(process.pid), { flag: "wx" });
	} catch {
		const holder = Number(readFileSync(LOCK, "utf8"));
		if (isRunning(holder)) {
			throw new CliError(
				`another npm run dev (process ${holder}) is using ${DATA}/ in this checkout; stop it first`,
			);
		}
		writeFileSync(LOCK, String(process.pid));
	}
	return () => rmSync(LOCK, { force: true });
}

runCommand(
	"dev",
	async () => {
		const port = Number(process.env.PORT ?? 8787);
		if (!Number.isInteger(port) || port < 1 || port > 65_535)
			throw new CliError("PORT must be a port number, 1–65535");
		const databaseUrl = postgresUrlFrom("DATABASE_URL");
		const unlock = lockData();
		try {
			const stack = await startLocalStack({
				databaseUrl,
				dataDir: `${DATA}/pglite`,
				seedCsv: "data/titanic.csv",
				apiToken: process.env.API_TOKEN || undefined,
				port,
				inheritOutput: true,
				log: (line) => console.log(`dev: ${line}`),
			});
			console.log(`dev: API ${stack.apiUrl}/people · docs ${stack.apiUrl}/docs/ · Ctrl-C stops everything`);
			// Ctrl-C reaches every process in the terminal's group and tsx passes it on as well:
			// a second signal must not end this one before it has cleaned up (the lock, the
			// private env file), so every signal is heard, and the first one stops.
			const stopped = new Promise<void>((resolve) => {
				for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => resolve());
			});
			await Promise.race([stopped, stack.exited]);
			await stack.stop();
		} finally {
			unlock();
		}
	},
	"npm run dev (settings from the environment: PORT, DATABASE_URL, API_TOKEN; see the README)",
);
