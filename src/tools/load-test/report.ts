/** One answer under load: when it came (ms since the phase started), its status, how long it took. */
export interface Outcome {
	at: number;
	status: number;
	ms: number;
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

/** One line per phase: requests, rate, latency percentiles and statuses. */
export function report(title: string, outcomes: Outcome[], seconds: number): void {
	const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
	const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
	console.log(
		`${title}: ${outcomes.length} requests, ${Math.round(outcomes.length / seconds)} req/s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms; ${summarise(outcomes.map((o) => o.status))}`,
	);
}
