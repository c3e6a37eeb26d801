// npm run bench:load [-- --rows N]
// Generates a synthetic passenger CSV, loads it with db:load into a scratch database on
// the machine's PostgreSQL, loads the same file with psql's \copy into a scratch table of
// the same shape, and prints both rates, their ratio and the loader's peak memory.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PASSENGER_COLUMN_LIST } from "../../db/passenger-fields";
import { benchAdminUrl, runProcess, timed } from "../bench/shared";
import { writeSyntheticCsv } from "../bench/synthetic-passengers";
import { TOOL_RUNNER } from "../lib/checkout";
import { commandFlags, runCommand, wholeNumberFlag } from "../lib/cli";
import { migrateDatabase } from "../migrate";
import { createScratchDatabase } from "../scratch-database";

const rows = commandFlags(
	"bench:load",
	"npm run bench:load [-- --rows N]",
	{ rows: { type: "string", default: "1000000" } },
	(values) => wholeNumberFlag("rows", values.rows),
);

runCommand("bench:load", async () => {
	const folder = mkdtempSync(join(tmpdir(), "titanic-bench-"));
	const csv = join(folder, "passengers.csv");
	const database = await createScratchDatabase(benchAdminUrl(), "titanic_bench_load");
	try {
		await writeSyntheticCsv(csv, rows);
		console.log(
			`bench:load: ${rows} rows, ${(statSync(csv).size / 2 ** 20).toFixed(1)} MiB, into PostgreSQL`,
		);
		await migrateDatabase(database.url);

		const loader = timed(() =>
			runProcess(process.execPath, [...TOOL_RUNNER, "src/tools/bin/load.ts", csv], {
				DATABASE_URL: database.url,
			}),
		);
		const peak = /peak memory (\d+) MB/.exec(loader.output)?.[1] ?? "?";
		psql(database.url, "CREATE TABLE copy_target (LIKE passengers INCLUDING ALL)");
		const copy = timed(() =>
			psql(
				database.url,
				`\\copy copy_target (${PASSENGER_COLUMN_LIST}) FROM '${csv}' WITH (FORMAT csv, HEADER true)`,
			),
		);

		const loaderRate = rows / loader.seconds;
		const copyRate = rows / copy.seconds;
		console.log("| method | seconds | rows/s |");
		console.log("|---|---:|---:|");
		console.log(
			`| db:load (Neon driver, binary COPY over WebSocket) | ${loader.seconds.toFixed(2)} | ${Math.round(loaderRate)} |`,
		);
		console.log(`| psql \\copy | ${copy.seconds.toFixed(2)} | ${Math.round(copyRate)} |`);
		console.log(
			`bench:load: db:load reaches ${(loaderRate / copyRate).toFixed(2)} of \\copy's rate (target ≥ 0.75); loader peak RSS ${peak} MB (target < 300)`,
		);
		console.log(`bench:load: db:load said: ${/loaded .*/.exec(loader.output)?.[0] ?? loader.output.trim()}`);
		console.log(
			"bench:load: both times are whole processes; db:load's includes Node start-up, hashing the file, and parsing and validating every row",
		);
	} finally {
		await database.drop();
		rmSync(folder, { recursive: true, force: true });
	}
});

function psql(databaseUrl: string, command: string) {
	execFileSync("psql", ["-q", "-v", "ON_ERROR_STOP=1", databaseUrl, "-c", command], { stdio: "pipe" });
	return {};
}
