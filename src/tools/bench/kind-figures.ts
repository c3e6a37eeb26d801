import autocannon from "autocannon";
import type { PlainWorkerd } from "./plain-workerd";
import { roundTrips } from "./shared";

/** What one run of one kind of request measured; per request where it says so. */
export interface KindFigures {
	reqPerSecond: number;
	p50: number;
	p99: number;
	otherStatuses: number;
	roundTrips: number;
	cpuUserMs: number;
	cpuKernelMs: number;
}

/** Runs `request` against the worker for `duration` seconds and reads what it cost. */
export async function measureKind(
	workerd: PlainWorkerd,
	endpoint: string,
	request: autocannon.Request,
	options: { duration: number; connections: number; expectedStatus: number },
): Promise<KindFigures> {
	const [tripsBefore, cpuBefore] = [await roundTrips(endpoint), workerd.cpuSeconds()];
	const result = await autocannon({ url: workerd.url, requests: [request], ...options });
	const trips = (await roundTrips(endpoint)) - tripsBefore;
	const cpuAfter = workerd.cpuSeconds();
	const total = result.requests.total;
	const expected = result.statusCodeStats?.[String(options.expectedStatus) as "200"]?.count ?? 0;
	return {
		reqPerSecond: result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		otherStatuses: total - expected,
		roundTrips: trips / total,
		cpuUserMs: ((cpuAfter.user - cpuBefore.user) * 1000) / total,
		cpuKernelMs: ((cpuAfter.system - cpuBefore.system) * 1000) / total,
	};
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** One table row: each figure the median of the rounds' (the other statuses summed). */
export function medianRow(name: string, runs: KindFigures[]): string {
	const of = (field: keyof KindFigures) => median(runs.map((run) => run[field]));
	const [user, kernel] = [of("cpuUserMs"), of("cpuKernelMs")];
	const cpu = median(runs.map((run) => run.cpuUserMs + run.cpuKernelMs));
	const others = runs.reduce((sum, run) => sum + run.otherStatuses, 0);
	return `| ${name} | ${of("reqPerSecond").toFixed(0)} | ${of("p50")} | ${of("p99")} | ${others} | ${of("roundTrips").toFixed(2)} | ${cpu.toFixed(2)} (${user.toFixed(2)} + ${kernel.toFixed(2)}) |`;
}

/** The table bench:api prints: a row per kind, in the order they ran. */
export function figuresTable(runs: Map<string, KindFigures[]>): string {
	return [
		"| request | req/s | p50 ms | p99 ms | other statuses | round trips/request | worker CPU ms/request (user + kernel) |",
		"|---|---:|---:|---:|---:|---:|---:|",
		...Array.from(runs, ([name, figures]) => medianRow(name, figures)),
	].join("\n");
}
