import { spawn } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject, onTestFinished } from "vitest";
import { CSV_HEADER } from "../../../src/db/passenger-rows";
import { ROOT, TOOL_RUNNER } from "../../../src/tools/lib/checkout";

export const databaseUrl = () => inject("databaseUrl");

export const HEADER = CSV_HEADER.join(",");

/**
 * Writes a CSV into a fresh temporary folder and returns its path; the folder (with what
 * the loader wrote beside the file, such as its rejects) goes when the test ends. A run
 * once left some 200 MB of them in the system's temporary folder.
 */
export function csvFile(content: string, name = "passengers.csv"): string {
	const folder = mkdtempSync(join(tmpdir(), "titanic-load-"));
	onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
	const path = join(folder, name);
	writeFileSync(path, content);
	return path;
}

export function rowsCsv(count: number, tag: string): string {
	const rows = Array.from(
		{ length: count },
		(_, i) =>
			`${i % 2},${(i % 3) + 1},${tag} Passenger ${i},${i % 2 ? "male" : "female"},${i % 70}.5,1,0,${i}`,
	);
	return `${HEADER}\n${rows.join("\n")}\n`;
}

export async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
	const client = new pg.Client(databaseUrl());
	await client.connect();
	try {
		return (await client.query(sql, params)).rows as T[];
	} finally {
		await client.end();
	}
}

/** The rows that loads of the file at `path` brought in, as the database holds them. */
export async function loadedRows(path: string) {
	return query<{ name: string; survived: boolean; age: number }>(
		`SELECT p.name, p.survived, p.age FROM passengers p JOIN passenger_loads l ON l.id = p.load_id
		 WHERE l.file_name = $1 ORDER BY p.id`,
		[realpathSync(path)],
	);
}

export interface CliRun {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** Starts `db:load` as an operator does, in its own process (in `cwd`, this checkout by default). */
export function startLoader(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
	// One process (not a wrapper such as npm, which would outlive a SIGKILL'd child or vice versa).
	const child = spawn(process.execPath, [...TOOL_RUNNER, join(ROOT, "src/tools/bin/load.ts"), ...args], {
		cwd,
		env: { ...process.env, DATABASE_URL: databaseUrl(), ...env },
	});
	let stdout = "";
	let stderr = "";
	child.stdout.on("data", (d) => (stdout += d));
	child.stderr.on("data", (d) => (stderr += d));
	const done = new Promise<CliRun>((resolve) =>
		// "close", not "exit": the output is whole only once its streams have closed.
		child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
	);
	return { child, done };
}

/** Runs `db:load` to its end. */
export function runLoader(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<CliRun> {
	return startLoader(args, env, cwd).done;
}
