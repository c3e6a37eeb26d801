import { missing } from "../load-test/mixed-load";
import { count, percentile } from "../load-test/report";
import type { TcpProxy } from "../load-test/tcp-proxy";
import { failedThoughHeld, type ReadRecord } from "./geo-record";
import { readsTable, roamingTable, writeStatuses } from "./geo-report";
import { afterSleep, type Outcome, steady, throughOutage, type warmUp } from "./geo-scenarios";
import type { Locations } from "./locations";
import { endpointStats } from "./shared";

// bench:geo's three scenarios in a row, each printed as tables and judged against its targets.

export interface Judged {
	locations: Locations;
	warm: Awaited<ReturnType<typeof warmUp>>;
	rttsMs: number[];
	seconds: number;
	outageSeconds: number;
	/** How long to leave the database idle before the cold start: past its suspension. */
	sleepMs: number;
	cut: TcpProxy;
	/** The local Neon endpoint, whose stats count the database's wakes. */
	endpoint: string;
	databaseUrl: string;
	judge: (ok: boolean, what: string) => void;
}

function median(reads: ReadRecord[]): number {
	return percentile(
		reads.map((read) => read.ms).sort((a, b) => a - b),
		0.5,
	);
}

function report(title: string, outcome: Outcome, rttsMs: number[]): void {
	const { reads, writes } = outcome.recording;
	const share = ((100 * writes.length) / (reads.length + writes.length || 1)).toFixed(1);
	console.log(`\n#### ${title}\n\nwrites: ${share} % of requests (${writeStatuses(writes)})\n`);
	console.log(readsTable(rttsMs, outcome.judged));
	console.log();
	console.log(roamingTable(rttsMs, outcome.roaming));
}

export async function judgedScenarios(run: Judged): Promise<void> {
	const { locations, warm, rttsMs, judge } = run;
	const steadyState = await steady(locations, warm, run.seconds);
	report(`steady state, ${run.seconds} s`, steadyState, rttsMs);
	const p50 = (location: number) => median(steadyState.judged.filter((r) => r.location === location));
	const [near, far] = [p50(0), p50(rttsMs.length - 1)];
	judge(
		far - near <= 2,
		`steady: p50 at ${rttsMs.at(-1)} ms within 2 ms of ${rttsMs[0]} ms (${far.toFixed(1)} vs ${near.toFixed(1)})`,
	);
	judge(
		count(steadyState.judged, (r) => r.waited === "other") === 0,
		"steady: no read waited for any other reason",
	);

	const wakes = async () => (await endpointStats(run.endpoint)).wakes;
	const wokenBefore = await wakes();
	const cold = await afterSleep(locations, warm, 5, run.sleepMs, steadyState.recording);
	const woke = (await wakes()) - wokenBefore;
	report(`the first 5 s after the database slept (it woke ${woke} time(s))`, cold, rttsMs);
	// Past the stale window a read asks the database first, by design; within it, never.
	const waitedForSleep = count(cold.judged, (r) => r.known && r.waited === "other");
	judge(
		waitedForSleep === 0,
		`cold start: no read of a URL answered within its stale window waited for it (${waitedForSleep})`,
	);

	const outage = await throughOutage(
		locations,
		warm,
		run.cut,
		{ before: 10, outage: run.outageSeconds },
		cold.recording,
	);
	report(`during a ${run.outageSeconds} s outage of the database`, outage, rttsMs);
	console.log(`writes during the outage: ${writeStatuses(outage.duringCut)}`);
	const failedKnown = count(outage.judged, failedThoughHeld);
	judge(
		failedKnown === 0,
		`outage: no failed read of a URL answered before it (${failedKnown}), bookmarks aside`,
	);
	judge(
		outage.duringCut.every((w) => w.status === 503),
		"outage: every write during it is a 503",
	);
	const all = [steadyState, cold, outage];
	const acked = all.flatMap((o) => o.recording.writes.flatMap((w) => w.created ?? []));
	judge(
		(await missing(run.databaseUrl, acked)) === 0,
		`no acknowledged write lost (${acked.length} created)`,
	);
	const roamers = all.flatMap((o) => o.roaming).filter((r) => r.withBookmark);
	judge(
		roamers.every((r) => r.ownWriteMissing === 0),
		"bookmarks: no client missed its own write, at any location",
	);
}
