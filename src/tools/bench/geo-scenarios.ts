import { setTimeout as sleep } from "node:timers/promises";
import type { Person } from "../../db/person.schemas";
import type { TcpProxy } from "../load-test/tcp-proxy";
import { type Roaming, runTraffic, type Traffic } from "./geo-clients";
import { type ReadRecord, Recording } from "./geo-record";
import { LIST_URLS } from "./geo-urls";
import type { Locations } from "./locations";

// bench:geo's scenarios, each a stretch of the same traffic: steady, after the database
// slept, and through an outage.

export interface Settings {
	token: string;
	clientsPerLocation: number;
	thinkMs: number;
	/** Of the everyday readers' requests, the share that write (the roamers write too). */
	writeShare: number;
}

export interface Outcome {
	recording: Recording;
	roaming: Roaming[];
	/** The reads to judge: all of them, or those in the outage. */
	judged: ReadRecord[];
}

// Requests in flight per location while warming up.
const WARMING = 8;

/**
 * Everyone's people, most popular first (the list's order), and every location warmed up:
 * each has read every list URL and the hundred most popular people once.
 */
export async function warmUp(locations: Locations, settings: Settings, keptMs: number) {
	const headers = { "cf-connecting-ip": "203.0.113.99" };
	const listed = await fetch(`${locations.all[0]?.url}/people`, { headers });
	const people = ((await listed.json()) as Person[]).map((person) => person.uuid);
	const history = new Recording(locations.all.length, keptMs);
	const urls = [...LIST_URLS, ...people.slice(0, 100).map((uuid) => `/people/${uuid}`)];
	const warm = async (location: number, at: string, queue: string[]) => {
		for (let url = queue.shift(); url; url = queue.shift()) {
			const sent = performance.now();
			const response = await fetch(`${at}${url}`, { headers });
			await response.arrayBuffer();
			history.read(location, url, sent, response.status, response.headers);
		}
	};
	await Promise.all(
		locations.all.flatMap(({ url: at }, location) => {
			const queue = [...urls];
			return Array.from({ length: WARMING }, () => warm(location, at, queue));
		}),
	);
	return { people, history, settings };
}

type Warm = Awaited<ReturnType<typeof warmUp>>;

let runs = 0;

async function run(locations: Locations, warm: Warm, seconds: number, history: Recording) {
	const recording = history.next();
	const until = performance.now() + seconds * 1000;
	const traffic: Traffic = {
		...warm.settings,
		locations: locations.all.map((location) => location.url),
		people: warm.people,
		recording,
		over: () => performance.now() >= until,
		run: runs++,
	};
	return { recording, roaming: await runTraffic(traffic) };
}

export async function steady(locations: Locations, warm: Warm, seconds: number): Promise<Outcome> {
	const outcome = await run(locations, warm, seconds, warm.history);
	return { ...outcome, judged: outcome.recording.reads };
}

/** Nothing for `idleMs` (the database suspends), then the same traffic. */
export async function afterSleep(
	locations: Locations,
	warm: Warm,
	seconds: number,
	idleMs: number,
	history: Recording,
): Promise<Outcome> {
	await sleep(idleMs);
	const outcome = await run(locations, warm, seconds, history);
	return { ...outcome, judged: outcome.recording.reads };
}

// A request in flight when the path is cut or mended may end just after.
const GRACE_MS = 2_000;

/** `before` seconds of traffic, then the database unreachable for `outage` seconds, then `before` again. */
export async function throughOutage(
	locations: Locations,
	warm: Warm,
	cut: TcpProxy,
	seconds: { before: number; outage: number },
	history: Recording,
): Promise<Outcome & { duringCut: Recording["writes"] }> {
	const [cutAt, restoreAt] = [seconds.before * 1000, (seconds.before + seconds.outage) * 1000];
	const timers = [setTimeout(() => cut.cut(), cutAt), setTimeout(() => cut.restore(), restoreAt)];
	const outcome = await run(locations, warm, seconds.before * 2 + seconds.outage, history);
	for (const timer of timers) clearTimeout(timer);
	cut.restore();
	const inCut = ({ at }: { at: number }) => at >= cutAt + GRACE_MS && at <= restoreAt;
	return {
		...outcome,
		judged: outcome.recording.reads.filter(inCut),
		duringCut: outcome.recording.writes.filter(inCut),
	};
}
