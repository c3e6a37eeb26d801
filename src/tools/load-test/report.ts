/** One answer under load: when it came (ms since the phase started), its status, how long it took, and the path of a read. */
export interface Outcome {
	at: number;
	status: number;
	ms: number;
	read?: string;
}

/** The checks of a run: each printed as it is made, the failed ones kept for the exit code. */
export class Checks {
	readonly failures: string[] = [];

	readonly check = (ok: boolean, message: string): void => {
		console.log(`${ok ? "✓" : "✗"} ${message}`);
		if (!ok) this.failures.push(message);
	};
}

export function count<T>(items: T[], test: (item: T) => boolean): number {
	return items.filter(test).length;
}

/** "200×1189 201×268 503×12": how many answers of each status. */
export function summarise(statuses: number[]): string {
	const byStatus = new Map<number, number>();
	for (const status of statuses) byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
	return [...byStatus]
		.sort(([a], [b]) => a - b)
		.map(([status, n]) => `${status === 0 ? "no answer" : status}×${n}`)
		.join(" ");
}

/** The `q` quantile (0 to 1) of values sorted in ascending order, by nearest rank; 0 when there are none. */
export function percentile(sorted: number[], q: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** One line per phase: requests, rate, latency percentiles and statuses. */
export function report(title: string, outcomes: Outcome[], seconds: number): void {
	const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
	const at = (q: number) => percentile(latencies, q);
	console.log(
		`${title}: ${outcomes.length} requests, ${Math.round(outcomes.length / seconds)} req/s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms; ${summarise(outcomes.map((o) => o.status))}`,
	);
}

/**
 * The reads in `window` of paths the location still held an answer for when it began: read
 * (200) before it, and for a list, read after the last write acknowledged before it (a
 * write retires its location's lists; a person's answer is replaced by the write itself).
 */
export function readsOfHeldPaths(outcomes: Outcome[], window: { from: number; to: number }): Outcome[] {
	const before = outcomes.filter((o) => o.at < window.from);
	const lastWrite = Math.max(-Infinity, ...before.filter((o) => !o.read && o.status < 300).map((o) => o.at));
	const held = new Set(
		before
			.filter((o) => o.read && o.status === 200 && (o.read.includes("?") ? o.at - o.ms > lastWrite : true))
			.map((o) => o.read),
	);
	return outcomes.filter((o) => o.at >= window.from && o.at <= window.to && o.read && held.has(o.read));
}
