import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
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
 * Bundles the worker exactly as `wrangler deploy --env production` would, offline
 * (--dry-run --minify), into `outDir`; returns the bundle's path. `checkout` may name
 * another checkout (its dependencies installed): its own wrangler bundles its own worker.
 */
export function bundleForProduction(outDir: string, checkout = ROOT): string {
	const out = resolve(outDir);
	rmSync(out, { recursive: true, force: true });
	const args = [
		wranglerOf(checkout),
		"deploy",
		"--dry-run",
		"--minify",
		"--env",
		"production",
		"--outdir",
		out,
	];
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
