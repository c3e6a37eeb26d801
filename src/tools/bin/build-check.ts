// npm run build:check — bundles the worker exactly as `wrangler deploy --env production`
// would, offline (--dry-run), and prints its size raw and gzip against the budget.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { CliError, runCommand } from "../lib/cli";
import { WRANGLER_BIN, WRANGLER_OFFLINE_ENV } from "../lib/wrangler";

const OUT_DIR = "dist/production";
const BUDGET_GZIP_KIB = 150;

runCommand("build:check", async () => {
	rmSync(OUT_DIR, { recursive: true, force: true });
	const args = [WRANGLER_BIN, "deploy", "--dry-run", "--minify", "--env", "production", "--outdir", OUT_DIR];
	const build = spawnSync(process.execPath, args, {
		encoding: "utf8",
		env: { ...process.env, ...WRANGLER_OFFLINE_ENV },
	});
	if (build.status !== 0)
		throw new CliError(`wrangler could not bundle the worker:\n${build.stderr || build.stdout}`);
	const bundle = readFileSync(`${OUT_DIR}/index.js`);
	const raw = bundle.length / 1024;
	const gzip = gzipSync(bundle).length / 1024;
	console.log(
		`build:check: ${OUT_DIR}/index.js ${raw.toFixed(1)} KiB raw, ${gzip.toFixed(1)} KiB gzip (budget ${BUDGET_GZIP_KIB} KiB gzip)`,
	);
	if (gzip > BUDGET_GZIP_KIB)
		throw new CliError(`the bundle is over its budget by ${(gzip - BUDGET_GZIP_KIB).toFixed(1)} KiB gzip`);
});
