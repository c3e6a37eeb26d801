import { spawnSync } from "node:child_process";
import { CliError, EXIT, postgresUrlFrom } from "../lib/cli";

/** The server the benchmarks make their scratch databases on (BENCH_DATABASE_URL). */
export function benchAdminUrl(): string {
	return postgresUrlFrom("BENCH_DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

/** Runs `work` and adds how many seconds it took to its result. */
export function timed<T extends object>(work: () => T): T & { seconds: number } {
	const started = performance.now();
	const result = work();
	return Object.assign(result, { seconds: (performance.now() - started) / 1000 });
}

/** Runs a command to its end; its stdout, or a CliError with its stderr. */
export function runProcess(command: string, args: string[], env: Record<string, string>) {
	const result = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: "utf8" });
	if (result.status !== 0)
		throw new CliError(`${command} ${args.join(" ")} failed: ${result.stderr.trim()}`, EXIT.database);
	return { output: result.stdout };
}

/** The local Neon endpoint's counters so far: SQL round trips, and wakes from a cold start. */
export async function endpointStats(endpoint: string): Promise<{ roundTrips: number; wakes: number }> {
	return (await (await fetch(new URL("stats", endpoint))).json()) as { roundTrips: number; wakes: number };
}

/** The local Neon endpoint's count of SQL round trips so far. */
export async function roundTrips(endpoint: string): Promise<number> {
	return (await endpointStats(endpoint)).roundTrips;
}

/** The statements of the latest round trip the local Neon endpoint served. */
export async function lastStatements(endpoint: string): Promise<{ query: string; params?: unknown[] }[]> {
	const log = (await (await fetch(new URL("queries", endpoint))).json()) as { query: string }[][];
	return log.at(-1) ?? [];
}
