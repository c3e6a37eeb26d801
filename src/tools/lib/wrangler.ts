import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ROOT } from "./checkout";
import { CliError } from "./cli";

/** wrangler's own entry point, run with the Node that runs the tools (24, from the node devDependency). */
export const WRANGLER_BIN = wranglerOf(ROOT);

function wranglerOf(checkout: string): string {
	return join(checkout, "node_modules/wrangler/bin/wrangler.js");
}

/** Wrangler offline: no usage data sent, no Request.cf lookup. */
export const WRANGLER_OFFLINE_ENV = { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

/**
 * The [vars] a checkout's wrangler.toml gives production, read by wrangler itself: the
 * benchmarks run the worker with production's settings, never a copy of them.
 */
export async function productionVars(checkout = ROOT): Promise<Record<string, string>> {
	const { unstable_readConfig } = await import("wrangler");
	const config = unstable_readConfig(
		{ config: join(checkout, "wrangler.toml"), env: "production" },
		{ hideWarnings: true },
	);
	return Object.fromEntries(Object.entries(config.vars).map(([name, value]) => [name, String(value)]));
}

/**
 * Bundles the worker exactly as `wrangler deploy --env <env>` would (the top level without
 * one), offline (--dry-run), into `outDir`; returns the bundle's path. `checkout` may name
 * another checkout (its dependencies installed): its own wrangler bundles its own worker,
 * minified as this one's wrangler.toml asks, whatever that checkout's asked.
 */
export function bundleForEnvironment(env: string | undefined, outDir: string, checkout = ROOT): string {
	const out = resolve(outDir);
	rmSync(out, { recursive: true, force: true });
	const target = env ? ["--env", env] : [];
	const args = [wranglerOf(checkout), "deploy", "--dry-run", "--minify", ...target, "--outdir", out];
	const build = spawnSync(process.execPath, args, {
		cwd: checkout,
		encoding: "utf8",
		env: { ...process.env, ...WRANGLER_OFFLINE_ENV },
	});
	if (build.status !== 0)
		throw new CliError(
			`wrangler could not bundle the worker in ${checkout}:\n${build.stderr || build.stdout}`,
		);
	return join(out, "index.js");
}

/** The production bundle: what the benchmarks run and the size budget measures. */
export function bundleForProduction(outDir: string, checkout = ROOT): string {
	return bundleForEnvironment("production", outDir, checkout);
}

/** The environments a checkout's wrangler.toml declares ([env.<name>] tables). */
export function declaredEnvironments(checkout = ROOT): string[] {
	const toml = readFileSync(join(checkout, "wrangler.toml"), "utf8");
	return [...new Set([...toml.matchAll(/^\[env\.([\w-]+)[\].]/gm)].map((match) => match[1] ?? ""))];
}

/**
 * Runs one wrangler command against Cloudflare (CLOUDFLARE_API_TOKEN and
 * CLOUDFLARE_ACCOUNT_ID from the environment); its messages go to stderr, what it prints
 * and its machine-readable output entries come back. A failure is one line naming the command.
 */
export async function runWrangler(
	args: string[],
): Promise<{ stdout: string; output: Record<string, unknown>[] }> {
	const folder = mkdtempSync(join(tmpdir(), "titanic-wrangler-"));
	const outputFile = join(folder, "output.ndjson");
	try {
		const run = spawnSync(process.execPath, [WRANGLER_BIN, ...args], {
			cwd: ROOT,
			encoding: "utf8",
			env: { ...process.env, WRANGLER_OUTPUT_FILE_PATH: outputFile },
			stdio: ["ignore", "pipe", "inherit"],
		});
		if (run.status !== 0)
			throw new CliError(`wrangler ${args.slice(0, 2).join(" ")} failed (exit ${run.status})`);
		const lines = existsSync(outputFile) ? readFileSync(outputFile, "utf8").split("\n").filter(Boolean) : [];
		return { stdout: run.stdout, output: lines.map((line) => JSON.parse(line)) };
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}
