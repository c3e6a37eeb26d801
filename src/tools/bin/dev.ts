import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { EMBEDDED_MAX_CONNECTIONS, startEmbeddedPostgres } from "../embedded-postgres";
import { CliError, describeError, EXIT, runCommand } from "../lib/cli";
import { withNeonClient } from "../lib/neon-driver";
import { assertPortFree } from "../lib/ports";
import { loadPassengers } from "../load/load-passengers";
import { migrateDatabase } from "../migrate";
import { startNeonEndpoint } from "../neon-endpoint/server";

const DATA_DIR = ".data/pglite";
const SEED_CSV = "data/titanic.csv";

runCommand("dev", async () => {
	const port = Number(process.env.PORT ?? 8787);
	await assertPortFree(port);

	const embedded = process.env.DATABASE_URL ? undefined : await startEmbedded();
	const databaseUrl = process.env.DATABASE_URL ?? embedded?.url ?? "";
	const stops: (() => Promise<void>)[] = [];
	if (embedded) stops.push(embedded.stop);
	try {
		await migrateDatabase(databaseUrl).catch((error) => {
			throw new CliError(
				`cannot migrate ${new URL(databaseUrl).host}: ${describeError(error)}`,
				EXIT.database,
			);
		});
		await seedWhenEmpty(databaseUrl);
		const endpoint = await startNeonEndpoint({ maxConnections: embedded ? EMBEDDED_MAX_CONNECTIONS : 20 });
		stops.unshift(endpoint.close);
		console.log(`dev: database ${embedded ? `embedded PGlite in ${DATA_DIR}` : new URL(databaseUrl).host}`);
		console.log(`dev: local Neon endpoint ${endpoint.httpUrl}`);
		console.log(`dev: API http://127.0.0.1:${port}/people  docs http://127.0.0.1:${port}/docs`);
		await runWrangler(port, { DATABASE_URL: databaseUrl, NEON_HTTP_ENDPOINT: endpoint.httpUrl });
	} finally {
		for (const stop of stops) await stop().catch(() => {});
	}
});

async function startEmbedded() {
	try {
		return await startEmbeddedPostgres({ dataDir: DATA_DIR });
	} catch (error) {
		throw new CliError(
			`cannot start the embedded database in ${DATA_DIR}: ${describeError(error)}`,
			EXIT.database,
		);
	}
}

async function seedWhenEmpty(databaseUrl: string): Promise<void> {
	if (!existsSync(SEED_CSV)) {
		console.log(`dev: ${SEED_CSV} not found; starting with the database as it is`);
		return;
	}
	await withNeonClient(databaseUrl, async (client) => {
		const { rows } = await client.query("SELECT EXISTS (SELECT 1 FROM passengers) AS seeded");
		if (rows[0]?.seeded) return;
		const { rows: loaded } = await loadPassengers(client, SEED_CSV);
		console.log(`dev: loaded ${loaded} passengers from ${SEED_CSV}`);
	});
}

/** Runs `wrangler dev` until it exits or Ctrl-C, forwarding the signal so nothing is orphaned. */
function runWrangler(port: number, vars: Record<string, string>): Promise<void> {
	const args = [
		"wrangler",
		"dev",
		"--ip",
		"127.0.0.1",
		"--port",
		String(port),
		"--show-interactive-dev-session=false",
	];
	for (const [name, value] of Object.entries(vars)) args.push("--var", `${name}:${value}`);
	const child = spawn("npx", args, {
		stdio: "inherit",
		env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false" },
	});
	const forward = (signal: NodeJS.Signals) => child.kill(signal);
	process.on("SIGINT", forward);
	process.on("SIGTERM", forward);
	return new Promise((resolve, reject) => {
		child.on("error", reject);
		child.on("exit", (code, signal) => {
			process.off("SIGINT", forward);
			process.off("SIGTERM", forward);
			if (code === 0 || signal) resolve();
			else reject(new CliError(`wrangler dev exited with code ${code}`, code ?? 1));
		});
	});
}
