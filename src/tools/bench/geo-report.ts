import { percentile, summarise } from "../load-test/report";
import type { Roaming } from "./geo-clients";
import { failedThoughHeld, type ReadRecord, WAIT_KINDS, type WriteRecord } from "./geo-record";

// bench:geo's tables: per location, how fast reads were, which waited for the database and
// why, what was served stale, what failed, and whether roaming clients saw their own writes.

const ms = (value: number) => value.toFixed(1);
const share = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)} %` : "–");

/** One row per location of the reads made there (the everyday readers' and the roaming clients'). */
export function readsTable(rttsMs: number[], reads: ReadRecord[]): string {
	const header = [
		"location (round trip to the database)",
		"reads",
		"p50 ms",
		"p95 ms",
		"p99 ms",
		"waited for the database",
		...WAIT_KINDS,
		"stale answers",
		"oldest stale answer (Age, s)",
		"failed reads (of URLs held)",
	];
	const rows = rttsMs.map((rtt, location) => {
		const here = reads.filter((read) => read.location === location);
		const latencies = here.map((read) => read.ms).sort((a, b) => a - b);
		const waited = here.filter((read) => read.waited);
		const stale = here.flatMap((read) => (read.staleAge === undefined ? [] : [read.staleAge]));
		const failed = here.filter((read) => read.status !== 200 && read.status !== 404);
		return [
			`${rtt} ms`,
			String(here.length),
			ms(percentile(latencies, 0.5)),
			ms(percentile(latencies, 0.95)),
			ms(percentile(latencies, 0.99)),
			share(waited.length, here.length),
			...WAIT_KINDS.map((kind) => String(waited.filter((read) => read.waited === kind).length)),
			String(stale.length),
			stale.length ? String(Math.max(...stale)) : "–",
			`${failed.length} (${failed.filter(failedThoughHeld).length})`,
		];
	});
	return markdown(header, rows);
}

/** Per location: the roaming clients' reads of their own writes there, with and without bookmarks. */
export function roamingTable(rttsMs: number[], roaming: Roaming[]): string {
	const header = [
		"roaming clients, per home location",
		"with bookmark: reads",
		"own write missing",
		"refused",
		"without: reads",
		"own write missing",
	];
	const rows = rttsMs.map((rtt, home) => {
		const [withBookmark, without] = [true, false].map((kind) =>
			roaming.filter((client) => client.withBookmark === kind && client.home === home),
		);
		const sum = (clients: Roaming[] = [], field: "reads" | "ownWriteMissing" | "refused") =>
			String(clients.reduce((total, client) => total + client[field], 0));
		return [
			`${rtt} ms`,
			sum(withBookmark, "reads"),
			sum(withBookmark, "ownWriteMissing"),
			sum(withBookmark, "refused"),
			sum(without, "reads"),
			sum(without, "ownWriteMissing"),
		];
	});
	return markdown(header, rows);
}

/** How many writes answered each status: "200×38 201×40 503×12", or "none". */
export function writeStatuses(writes: WriteRecord[]): string {
	return summarise(writes.map((write) => write.status)) || "none";
}

function markdown(header: string[], rows: string[][]): string {
	return [header, header.map((_, i) => (i ? "---:" : "---")), ...rows]
		.map((row) => `| ${row.join(" | ")} |`)
		.join("\n");
}
