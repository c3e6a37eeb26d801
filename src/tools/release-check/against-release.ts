import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { CliError, describeError } from "../lib/cli";
import { freePort } from "../lib/ports";
import { stopProcessGroup } from "../lib/process-group";
import { migrateDatabase } from "../migrate";
import { createScratchDatabase } from "../scratch-database";
import { type CheckResult, newestMigrationTag, runSmokeChecks } from "../smoke/checks";
import { waitUntilServing } from "../wrangler-dev";
import type { ReleaseCheckout } from "./release";

const STARTUP_MS = 180_000;

/** A command of the release's own, in a process group of its own so that stopping it stops everything it started. */
function npmRun(release: ReleaseCheckout, args: string[], env: Record<string, string | undefined>) {
	const output: string[] = [];
	const child = spawn("npm", ["run", ...args], {
		cwd: release.dir,
		env: { ...process.env, ...env },
		detached: true,
		stdio: ["ignore", "pipe", "pipe"],
	});
	for (const stream of [child.stdout, child.stderr])
		stream?.on("data", (chunk) => output.push(String(chunk)));
	const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
	return { child, exited, output: () => output.join("") };
}

const lastLines = (text: string) => text.trim().split("\n").slice(-5).join("\n");

/** The release's own `npm run dev`, serving a scratch database it migrated and filled itself. */
export interface RunningRelease {
	release: ReleaseCheckout;
	url: string;
	databaseUrl: string;
	stop(): Promise<void>;
}

export async function startRelease(release: ReleaseCheckout): Promise<RunningRelease> {
	const database = await createScratchDatabase(process.env.TEST_DATABASE_URL, "titanic_release");
	const port = await freePort();
	const dev = npmRun(release, ["dev"], {
		PORT: String(port),
		DATABASE_URL: database.url,
		API_TOKEN: `release-check-${crypto.randomUUID()}`,
	});
	const stop = async () => {
		await stopProcessGroup(dev.child, dev.exited);
		// Its lock, should the stop have cut it short: the release's own tests check that lock.
		rmSync(join(release.dir, ".data"), { recursive: true, force: true });
		await database.drop();
	};
	const url = `http://127.0.0.1:${port}`;
	const started = await Promise.race([
		waitUntilServing(`${url}/healthz`, STARTUP_MS).then(() => true),
		dev.exited.then(() => false),
	]);
	if (!started) {
		await stop();
		throw new CliError(`the release's npm run dev did not start:\n${lastLines(dev.output())}`);
	}
	return { release, url, databaseUrl: database.url, stop };
}

/**
 * As in production: the new migrations are applied while the release runs; then it must
 * still pass the smoke check. A migration that fails on a filled database is a failure of
 * its own (and, in its one transaction, leaves the database as it was).
 */
export async function migrateUnderRelease(
	running: RunningRelease,
	migrations: string,
): Promise<CheckResult[]> {
	const migrated = await migrateDatabase(running.databaseUrl, migrations).then(
		(tags) => ({ name: "new migrations on the release's data", ok: true, detail: tags.join(", ") || "none" }),
		// drizzle wraps what Postgres said in a "Failed query" error of its own.
		(error: Error) => ({
			name: "new migrations on the release's data",
			ok: false,
			detail: describeError(error.cause ?? error),
		}),
	);
	if (!migrated.ok) return [migrated];
	const smoke = await runSmokeChecks(running.url, {
		expectMigration: newestMigrationTag(running.release.migrations),
	});
	return [migrated, ...smoke];
}

/** A release started for one set of migrations, checked, and stopped. */
export async function smokeRelease(release: ReleaseCheckout, migrations: string): Promise<CheckResult[]> {
	const running = await startRelease(release);
	try {
		return await migrateUnderRelease(running, migrations);
	} finally {
		await running.stop();
	}
}

interface VitestJson {
	testResults: { assertionResults: { fullName: string; status: string }[] }[];
}

/**
 * The release's own API tests (vitest's worker project: the routes and the app inside
 * workerd, which are what meets the schema), as `npm test` runs them there; the names of
 * the tests that failed. Its tooling's tests stay out: they build databases of their own.
 */
export async function testRelease(release: ReleaseCheckout): Promise<string[]> {
	const report = join(release.dir, "..", "release-tests.json");
	const tests = npmRun(
		release,
		["test", "--", "--project=worker", "--reporter=dot", "--reporter=json", `--outputFile.json=${report}`],
		{},
	);
	tests.child.stdout?.pipe(process.stdout);
	const status = await tests.exited;
	let results: VitestJson;
	try {
		results = JSON.parse(readFileSync(report, "utf8"));
	} catch {
		throw new CliError(
			`the release's npm test ended (${status}) without a report:\n${lastLines(tests.output())}`,
		);
	}
	const failed = results.testResults.flatMap((file) =>
		file.assertionResults.filter((test) => test.status === "failed").map((test) => test.fullName),
	);
	if (status !== 0 && failed.length === 0) {
		throw new CliError(`the release's npm test failed (${status}):\n${lastLines(tests.output())}`);
	}
	return failed;
}
