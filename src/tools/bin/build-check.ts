// npm run build:check — bundles the worker exactly as `wrangler deploy --env production`
// would, offline (--dry-run), and prints its size raw and gzip against the budget.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { CliError, runCommand } from "../lib/cli";
import { bundleForProduction } from "../lib/wrangler";

const OUT_DIR = "dist/production";
const BUDGET_GZIP_KIB = 150;

runCommand("build:check", async () => {
	const bundle = readFileSync(bundleForProduction(OUT_DIR));
	const raw = bundle.length / 1024;
	const gzip = gzipSync(bundle).length / 1024;
	console.log(
		`build:check: ${OUT_DIR}/index.js ${raw.toFixed(1)} KiB raw, ${gzip.toFixed(1)} KiB gzip (budget ${BUDGET_GZIP_KIB} KiB gzip)`,
	);
	if (gzip > BUDGET_GZIP_KIB)
		throw new CliError(`the bundle is over its budget by ${(gzip - BUDGET_GZIP_KIB).toFixed(1)} KiB gzip`);
});
