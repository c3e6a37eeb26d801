// npm run build:check — bundles the worker exactly as `wrangler deploy` would for every
// environment in wrangler.toml (the top level too), offline (--dry-run), so a broken
// environment fails here and not in its deploy; prints production's size against the budget.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { CliError, runCommand } from "../lib/cli";
import { bundleForEnvironment, bundleForProduction, declaredEnvironments } from "../lib/wrangler";

const OUT_DIR = "dist/production";
// A tripwire for growth nobody meant (a library pulled in whole), not a target: raised from
// 160 when the API behind the read cache became a module of its own, loaded on the first
// request the cache cannot answer (bench:cold: a cold cache hit then costs half the CPU),
// which took the bundle from 156.9 to 163.5. Bytes are not free: every cold start parses all
// of them, so cold start (npm run bench:cold) is the budget that users feel.
const BUDGET_GZIP_KIB = 168;

runCommand("build:check", async () => {
	for (const env of [undefined, ...declaredEnvironments()].filter((env) => env !== "production")) {
		bundleForEnvironment(env, `dist/${env ?? "top-level"}`);
		console.log(`build:check: ${env ? `--env ${env}` : "the top level"} bundles`);
	}
	const bundle = readFileSync(bundleForProduction(OUT_DIR));
	const raw = bundle.length / 1024;
	const gzip = gzipSync(bundle).length / 1024;
	console.log(
		`build:check: ${OUT_DIR}/index.js ${raw.toFixed(1)} KiB raw, ${gzip.toFixed(1)} KiB gzip (budget ${BUDGET_GZIP_KIB} KiB gzip)`,
	);
	if (gzip > BUDGET_GZIP_KIB)
		throw new CliError(`the bundle is over its budget by ${(gzip - BUDGET_GZIP_KIB).toFixed(1)} KiB gzip`);
});
