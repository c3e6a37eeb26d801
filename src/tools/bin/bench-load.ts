// npm run bench:load [-- --rows N]
// Generates a synthetic passenger CSV, loads it with db:load into a scratch database on
// the machine's PostgreSQL, loads the same file with psql's \copy into a scratch table of
// the same shape, and prints both rates, their ratio and the loader's peak memory.
import { execFileSync, spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CliError, EXIT, runCommand } from "../lib/cli";
import { CSV_HEADER } from "../load/passenger-csv";
import { migrateDatabase } from "../migrate";
import { createScratchDatabase } from "../scratch-database";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" } } });
const rows = Number(values.rows);
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

runCommand("bench:load", async () => {
	const folder = mkdtempSync(join(tmpdir(), "titanic-bench-"));
	const csv = join(folder, "passengers.csv");
	const database = await createScratchDatabase(adminUrl, "titanic_bench_load");
	try {
		await writeSyntheticCsv(csv, rows);
		console.log(
			`bench:load: ${rows} rows, ${(statSync(csv).size / 2 ** 20).toFixed(1)} MiB, into PostgreSQL`,
		);
		await migrateDatabase(database.url);

		const loader = timed(() =>
			run("npx", ["tsx", "src/tools/bin/load.ts", csv], { DATABASE_URL: database.url }),
		);
		const peak = /peak memory (\d+) MB/.exec(loader.output)?.[1] ?? "?";
		psql(database.url, "CREATE TABLE copy_target (LIKE passengers INCLUDING ALL)");
		const columns =
			"survived, passenger_class, name, sex, age, siblings_or_spouses_aboard, parents_or_children_aboard, fare";
		const copy = timed(() =>
			psql(database.url, `\\copy copy_target (${columns}) FROM '${csv}' WITH (FORMAT csv, HEADER true)`),
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

function timed<T>(work: () => T): T & { seconds: number } {
	const started = performance.now();
	const result = work();
	return Object.assign(result as object, { seconds: (performance.now() - started) / 1000 }) as T & {
		seconds: number;
	};
}

function run(command: string, args: string[], env: Record<string, string>) {
	const result = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: "utf8" });
	if (result.status !== 0)
		throw new CliError(`${command} ${args.join(" ")} failed: ${result.stderr.trim()}`, EXIT.database);
	return { output: result.stdout };
}

function psql(databaseUrl: string, command: string) {
	execFileSync("psql", ["-q", "-v", "ON_ERROR_STOP=1", databaseUrl, "-c", command], { stdio: "pipe" });
	return {};
}

/** Rows shaped like the real file: quoted names with commas, fractional ages, whole fares. */
async function writeSyntheticCsv(path: string, count: number): Promise<void> {
	const out = createWriteStream(path);
	const write = (text: string) =>
		out.write(text) ? undefined : new Promise<void>((resolve) => out.once("drain", () => resolve()));
	await write(`${CSV_HEADER.join(",")}\n`);
	let chunk = "";
	for (let i = 0; i < count; i++) {
		const name = i % 20 === 0 ? `"Braund, Mr. Owen Harris ${i}"` : `Mrs. Passenger Number ${i}`;
		const age = i % 25 === 0 ? (i % 100) / 100 + 0.42 : 18 + (i % 60);
		const fare = i % 5 === 0 ? 16 : 7.25 + (i % 500) / 7;
		chunk += `${i % 3 === 0 ? 1 : 0},${(i % 3) + 1},${name},${i % 2 ? "male" : "female"},${age},${i % 5},${i % 4},${fare}\n`;
		if (chunk.length > 1 << 16) {
			await write(chunk);
			chunk = "";
		}
	}
	await write(chunk);
	await new Promise((resolve) => out.end(resolve));
}
