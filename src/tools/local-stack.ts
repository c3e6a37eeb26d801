import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EMBEDDED_MAX_CONNECTIONS, startEmbeddedPostgres } from "./embedded-postgres";
import { CliError, describeError, EXIT } from "./lib/cli";
import { withNeonClient } from "./lib/neon-driver";
import { assertPortFree } from "./lib/ports";
import { WRANGLER_BIN, WRANGLER_OFFLINE_ENV } from "./lib/wrangler";
import { loadPassengers } from "./load/load-passengers";
import { migrateDatabase } from "./migrate";
import { startNeonEndpoint } from "./neon-endpoint/server";

export interface LocalStackOptions {
	/** A Postgres to use; without it, the embedded PGlite. */
	databaseUrl?: string;
	/** Where the embedded PGlite keeps its data; without it, memory only. */
	dataDir?: string;
	/**
	 * Where wrangler dev keeps its local state (the read cache's storage); without it, a
	 * temporary folder of this stack's own, so that two stacks never share one.
	 */
	stateDir?: string;
	/** Loaded once, when the passengers table is empty. */
	seedCsv?: string;
	port: number;
	log?: (line: string) => void;
	/** The bearer token writes need; without one, local writes are open. */
	apiToken?: string;
	/** Show wrangler's own output (on for `npm run dev`). */
	inheritOutput?: boolean;
}

export interface LocalStack {
	apiUrl: string;
	databaseUrl: string;
	/** The local Neon endpoint's HTTP URL, whose /stats counts round trips. */
	neonHttpEndpoint: string;
	/** Settles when wrangler exits by itself. */
	exited: Promise<void>;
	stop(): Promise<void>;
}

/**
 * Everything the worker needs on this machine: a database (embedded unless one is given),
 * migrated and seeded, the local Neon endpoint in front of it, and `wrangler dev` on top.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
	const log = options.log ?? (() => {});
	await assertPortFree(options.port);
	const stops: (() => Promise<void>)[] = [];
	const stop = async () => {
		for (const step of stops.splice(0).reverse()) await step().catch(() => {});
	};
	try {
		const embedded = options.databaseUrl ? undefined : await startEmbedded(options.dataDir);
		if (embedded) stops.push(embedded.stop);
		const databaseUrl = options.databaseUrl ?? embedded?.url ?? "";
		await migrateDatabase(databaseUrl).catch((error) => {
			throw new CliError(
				`cannot migrate ${new URL(databaseUrl).host}: ${describeError(error)}`,
				EXIT.database,
			);
		});
		if (options.seedCsv) await seedWhenEmpty(databaseUrl, options.seedCsv, log);
		const endpoint = await startNeonEndpoint({ maxConnections: embedded ? EMBEDDED_MAX_CONNECTIONS : 20 });
		stops.push(endpoint.close);
		log(
			`database: ${embedded ? `embedded PGlite${options.dataDir ? ` in ${options.dataDir}` : ""}` : new URL(databaseUrl).host}`,
		);
		log(`local Neon endpoint: ${endpoint.httpUrl}`);
		log(
			options.apiToken
				? "writes need the bearer token in API_TOKEN"
				: "writes are open: API_TOKEN is not set",
		);
		const vars: Record<string, string> = { NEON_HTTP_ENDPOINT: endpoint.httpUrl };
		if (options.apiToken) vars.API_TOKEN = options.apiToken;
		const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), "titanic-wrangler-"));
		if (!options.stateDir) stops.push(async () => rmSync(stateDir, { recursive: true, force: true }));
		const wrangler = startWrangler({
			port: options.port,
			inheritOutput: options.inheritOutput ?? false,
			databaseUrl,
			vars,
			stateDir,
		});
		stops.push(() => wrangler.stop());
		const apiUrl = `http://127.0.0.1:${options.port}`;
		await Promise.race([
			waitUntilServing(apiUrl),
			wrangler.exited.then(() => Promise.reject(wranglerFailed(wrangler.output()))),
		]);
		return { apiUrl, databaseUrl, neonHttpEndpoint: endpoint.httpUrl, exited: wrangler.exited, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

async function startEmbedded(dataDir: string | undefined) {
	try {
		return await startEmbeddedPostgres({ dataDir });
	} catch (error) {
		throw new CliError(`cannot start the embedded database: ${describeError(error)}`, EXIT.database);
	}
}

async function seedWhenEmpty(databaseUrl: string, csv: string, log: (line: string) => void): Promise<void> {
	if (!existsSync(csv)) {
		log(`${csv} not found; the database stays as it is`);
		return;
	}
	await withNeonClient(databaseUrl, async (client) => {
		const { rows } = await client.query("SELECT EXISTS (SELECT 1 FROM passengers) AS seeded");
		if (rows[0]?.seeded) return;
		const result = await loadPassengers(client, csv);
		if (result.outcome === "loaded") log(`loaded ${result.rows} passengers from ${csv}`);
	});
}

function startWrangler(options: {
	port: number;
	inheritOutput: boolean;
	databaseUrl: string;
	vars: Record<string, string>;
	stateDir: string;
}) {
	const { port, inheritOutput, databaseUrl, vars } = options;
	const args = [
		WRANGLER_BIN,
		"dev",
		"--ip",
		"127.0.0.1",
		"--port",
		String(port),
		"--persist-to",
		options.stateDir,
		"--show-interactive-dev-session=false",
	];
	for (const [name, value] of Object.entries(vars)) args.push("--var", `${name}:${value}`);
	// process.execPath: the Node that runs this script (24 via the node devDependency).
	// DATABASE_URL is a declared secret: wrangler takes it from the environment, as in CI.
	// Its own process group, so stopping reaches wrangler and every workerd it started.
	const child: ChildProcess = spawn(process.execPath, args, {
		detached: true,
		stdio: inheritOutput ? "inherit" : ["ignore", "ignore", "pipe"],
		env: {
			...process.env,
			DATABASE_URL: databaseUrl,
			...WRANGLER_OFFLINE_ENV,
		},
	});
	// The end of wrangler's error output, to say why it stopped if it stops before serving.
	let stderr = "";
	child.stderr?.on("data", (chunk) => {
		stderr = (stderr + chunk).slice(-2_000);
	});
	const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
	const signalGroup = (signal: NodeJS.Signals) => {
		try {
			if (child.pid) process.kill(-child.pid, signal);
		} catch {
			// The group is gone already.
		}
	};
	return {
		exited,
		output: () => stderr.trim(),
		async stop() {
			// Ask politely; wrangler sometimes sits out a SIGINT, so insist, then force.
			signalGroup("SIGINT");
			const insist = setTimeout(() => signalGroup("SIGTERM"), 3_000);
			const force = setTimeout(() => signalGroup("SIGKILL"), 6_000);
			await exited;
			clearTimeout(insist);
			clearTimeout(force);
			signalGroup("SIGKILL");
		},
	};
}

function wranglerFailed(output: string) {
	const why = output ? `:\n${output}` : "; run `npx wrangler dev` to see why";
	return new CliError(`wrangler dev exited before serving${why}`, EXIT.database);
}

async function waitUntilServing(url: string, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const ok = await fetch(url).then(
			(response) => response.ok,
			() => false,
		);
		if (ok) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new CliError(`wrangler dev did not answer on ${url} within ${timeoutMs / 1000} s`, EXIT.database);
}
