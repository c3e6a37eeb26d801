import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { CliError } from "./cli";

/** This checkout's top folder: every path the tools use starts here. */
export const ROOT = new URL("../../../", import.meta.url).pathname;

/** What the tools generate and keep between runs (never in git): node_modules/.cache's convention. */
export const TOOL_CACHE = join(ROOT, "node_modules/.cache/titanic");

/** Node's arguments that run a tool's TypeScript as the npm scripts do (src/tools/register.ts). */
export const TOOL_RUNNER = ["--import", join(ROOT, "src/tools/register.ts")];

/** Another checkout of this project that can bundle its worker, named by `flag` on the command line. */
export function otherCheckout(flag: string, path: string): string {
	const checkout = resolve(path);
	if (!existsSync(join(checkout, "wrangler.toml")) || !existsSync(join(checkout, "node_modules/wrangler"))) {
		throw new CliError(
			`${flag} ${path}: not a checkout of this project with its dependencies (npm ci there)`,
		);
	}
	return checkout;
}

/** A checkout's short commit, to name what came from it. */
export function shortCommit(checkout: string): string {
	return spawnSync("git", ["-C", checkout, "rev-parse", "--short", "HEAD"], {
		encoding: "utf8",
	}).stdout.trim();
}
