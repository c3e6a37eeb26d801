import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { CliError } from "./cli";

/** wrangler's own entry point, run with the Node that runs the tools (24, from the node devDependency). */
export const WRANGLER_BIN = new URL("../../../node_modules/wrangler/bin/wrangler.js", import.meta.url)
	.pathname;

/** Wrangler offline: no usage data sent, no Request.cf lookup. */
export const WRANGLER_OFFLINE_ENV = { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

/**
 * Bundles the worker exactly as `wrangler deploy --env production` would, offline
 * (--dry-run --minify), into `outDir`; returns the bundle's path.
 */
export function bundleForProduction(outDir: string): string {
	rmSync(outDir, { recursive: true, force: true });
	const args = [WRANGLER_BIN, "deploy", "--dry-run", "--minify", "--env", "production", "--outdir", outDir];
	const build = spawnSync(process.execPath, args, {
		encoding: "utf8",
		env: { ...process.env, ...WRANGLER_OFFLINE_ENV },
	});
	if (build.status !== 0)
		throw new CliError(`wrangler could not bundle the worker:\n${build.stderr || build.stdout}`);
	return resolve(outDir, "index.js");
}
