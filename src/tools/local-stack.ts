import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assetsCurrent, buildAssets } from "./build-assets";
import { EMBEDDED_MAX_CONNECTIONS, startEmbeddedPostgres } from "./embedded-postgres";
import { CliError, describeError, EXIT } from "./lib/cli";
import { asNeonTakesIt } from "./lib/local-url";
import { withNeonClient } from "./lib/neon-driver";
import { assertPortFree, freePort } from "./lib/ports";
import { loadPassengers } from "./load/load-passengers";
import { migrateDatabase } from "./migrate";
import type { ColdStart } from "./neon-endpoint/compute";
import { startNeonEndpoint } from "./neon-endpoint/server";
import { buildTrimmedZod } from "./trimmed-zod";
import { startWrangler, waitUntilServing, wranglerFailed, writeEnvFile } from "./wrangler-dev";

export interface LocalStackOptions {
	/** A Postgres to use; without it, the embedded PGlite. */
	databaseUrl?: string;
	/** Where the embedded PGlite keeps its data; without it, memory only. */
	dataDir?: string;
	/** Neon's scale to zero, played by the local endpoint; without it, the database never sleeps. */
	coldStart?: ColdStart;
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
	// The static files wrangler dev serves and the zod it bundles, as the sources say now.
	if (!assetsCurrent()) buildAssets();
	await buildTrimmedZod();
	const stops: (() => Promise<void>)[] = [];
	const stop = async () => {
		for (const step of stops.splice(0).reverse()) await step().catch(() => {});
	};
	try {
		const embedded = options.databaseUrl ? undefined : await startEmbedded(options.dataDir);
		if (embedded) stops.push(embedded.stop);
		const givenUrl = options.databaseUrl ?? embedded?.url ?? "";
		const databaseUrl = asNeonTakesIt(givenUrl);
		await migrateDatabase(databaseUrl).catch((error) => {
			throw new CliError(`cannot migrate ${new URL(givenUrl).host}: ${describeError(error)}`, EXIT.database);
		});
		if (options.seedCsv) await seedWhenEmpty(databaseUrl, options.seedCsv, log);
		const endpoint = await startNeonEndpoint({
			databaseUrl,
			maxConnections: embedded ? EMBEDDED_MAX_CONNECTIONS : 20,
			coldStart: options.coldStart,
		});
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
		// Everything the worker is given locally, secrets included, in an env file of this
		// run's own: never on a command line (where ps shows it), and never .dev.vars.
		const vars: Record<string, string> = {
			DATABASE_URL: databaseUrl,
			NEON_HTTP_ENDPOINT: endpoint.httpUrl,
			...(options.apiToken ? { API_TOKEN: options.apiToken } : { OPEN_WRITES: "true" }),
		};
		// Named by its process: a folder left behind says whose it was.
		const privateDir = mkdtempSync(join(memoryBackedTmp(), `titanic-stack-${process.pid}-`));
		stops.push(async () => rmSync(privateDir, { recursive: true, force: true }));
		const envFile = writeEnvFile(join(privateDir, "worker.env"), vars);
		// wrangler dev's local state is the read cache (miniflare's, in SQLite and files): a
		// stack's own, so no run serves answers of another run's database, and in memory
		// where the machine has it: on disk, each store waits for the disk (see docs/design.md, Figures).
		const stateDir = join(privateDir, "wrangler");
		const wrangler = startWrangler({
			port: options.port,
			inspectorPort: await freePort(),
			inheritOutput: options.inheritOutput ?? false,
			envFile,
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

/** Linux's shared-memory filesystem where there is one, else the system's temporary folder. */
function memoryBackedTmp(): string {
	return existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
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
		log(
			`${csv} not found, so the API starts with no passengers: it comes with the repository (git checkout -- ${csv}); start again`,
		);
		return;
	}
	await withNeonClient(databaseUrl, async (client) => {
		const { rows } = await client.query("SELECT EXISTS (SELECT 1 FROM passengers) AS seeded");
		if (rows[0]?.seeded) return;
		const result = await loadPassengers(client, csv);
		if (result.outcome === "loaded") log(`loaded ${result.rows} passengers from ${csv}`);
	});
}
