import { setTimeout as sleep } from "node:timers/promises";
import type { Person } from "../../db/person.schemas";
import type { Recording } from "./geo-record";
import { isList, LIST_URLS, zipf } from "./geo-urls";
import { seeded, syntheticPerson } from "./synthetic-passengers";

// bench:geo's clients: everyday readers at each location, and roaming clients that write at
// home and read their own writes back elsewhere, with their bookmark or without.

export interface Traffic {
	/** Each location's base URL. */
	locations: string[];
	/** Everyone's people, most popular first. */
	people: string[];
	recording: Recording;
	token: string;
	/** Every client stops once this returns true. */
	over: () => boolean;
	clientsPerLocation: number;
	thinkMs: number;
	/** Of the everyday readers' requests, the share that write. */
	writeShare: number;
	/** Makes this run's clients (and the people they create) differ from every other run's. */
	run: number;
}

async function send(traffic: Traffic, location: number, path: string, init: RequestInit = {}) {
	const sent = performance.now();
	const headers = new Headers(init.headers);
	// The address Cloudflare's edge adds to every request (the rate limits key on it).
	headers.set("cf-connecting-ip", `203.0.113.${location + 1}`);
	headers.set("authorization", `Bearer ${traffic.token}`);
	if (init.body) headers.set("content-type", "application/json");
	const response = await fetch(`${traffic.locations[location]}${path}`, { ...init, headers }).catch(
		() => undefined,
	);
	const text = (await response?.text().catch(() => "")) ?? "";
	return { response, text, sent, status: response?.status ?? 0 };
}

async function write(traffic: Traffic, location: number, path: string, method: string, body: unknown) {
	const answer = await send(traffic, location, path, { method, body: JSON.stringify(body) });
	const created = answer.status === 201 ? (JSON.parse(answer.text) as Person).uuid : undefined;
	traffic.recording.write({ location, status: answer.status, created });
	return answer;
}

/** One everyday reader at `location`: Zipf-popular people and lists, now and then a write. */
async function reader(traffic: Traffic, location: number, seed: number): Promise<void> {
	const random = seeded(seed);
	const person = zipf(traffic.people.length);
	const list = zipf(LIST_URLS.length);
	for (let n = 0; !traffic.over(); n++) {
		const dice = random();
		const uuid = traffic.people[person(random)];
		if (dice < traffic.writeShare / 2) {
			await write(traffic, location, `/people/${uuid}`, "PATCH", { age: Math.floor(random() * 80) });
		} else if (dice < traffic.writeShare) {
			await write(traffic, location, "/people", "POST", syntheticPerson(seed * 100_000 + n));
		} else {
			const url = dice < 0.3 ? (LIST_URLS[list(random)] ?? "/people") : `/people/${uuid}`;
			const { response, sent, status } = await send(traffic, location, url);
			traffic.recording.read(location, url, sent, status, response?.headers ?? new Headers());
		}
		await sleep(traffic.thinkMs * (0.5 + random()));
	}
}

/** What a roaming client saw of its own writes at the other locations. */
export interface Roaming {
	home: number;
	withBookmark: boolean;
	/** Reads elsewhere (of its person, and of a list that shows it) that answered 200. */
	reads: number;
	/** Of those, the ones that did not show its latest acknowledged write. */
	ownWriteMissing: number;
	/** Reads refused (a 5xx: the database was needed and unreachable). */
	refused: number;
}

/**
 * A client whose home is `home`: it changes its own person there, then reads it back, and a
 * list that shows it, at other locations; with its bookmark (the newest it was answered) or
 * without one.
 */
async function roamer(traffic: Traffic, home: number, withBookmark: boolean, seed: number): Promise<Roaming> {
	const random = seeded(seed);
	const seen: Roaming = { home, withBookmark, reads: 0, ownWriteMissing: 0, refused: 0 };
	const mine = syntheticPerson(seed);
	const created = await write(traffic, home, "/people", "POST", mine);
	if (created.status !== 201) return seen;
	const { uuid } = JSON.parse(created.text) as Person;
	const path = `/people/${uuid}`;
	let bookmark = created.response?.headers.get("bookmark") ?? "";
	let fare = mine.fare;
	const keep = (answer: Awaited<ReturnType<typeof send>>) => {
		if (withBookmark) bookmark = answer.response?.headers.get("bookmark") || bookmark;
	};
	while (!traffic.over()) {
		const patched = await write(traffic, home, path, "PATCH", { fare: fare + 1 });
		if (patched.status === 200) fare += 1;
		keep(patched);
		for (const url of [path, `/people?q=${encodeURIComponent(mine.name)}`]) {
			const elsewhere =
				(home + 1 + Math.floor(random() * (traffic.locations.length - 1))) % traffic.locations.length;
			const headers = withBookmark ? { bookmark } : undefined;
			const answer = await send(traffic, elsewhere, url, { headers });
			traffic.recording.read(
				elsewhere,
				url,
				answer.sent,
				answer.status,
				answer.response?.headers ?? new Headers(),
			);
			if (answer.status >= 500 || answer.status === 0) seen.refused++;
			if (answer.status !== 200) continue;
			keep(answer);
			seen.reads++;
			const body = JSON.parse(answer.text) as Person | Person[];
			const shown = isList(url)
				? (body as Person[]).find((person) => person.uuid === uuid)
				: (body as Person);
			if (shown?.fare !== fare) seen.ownWriteMissing++;
		}
		await sleep(traffic.thinkMs * 100 * (0.5 + random()));
	}
	return seen;
}

/** Runs every client until traffic.over(): readers at each location, and two roamers per location. */
export async function runTraffic(traffic: Traffic): Promise<Roaming[]> {
	const locations = traffic.locations.map((_, i) => i);
	const readers = locations.flatMap((location) =>
		Array.from({ length: traffic.clientsPerLocation }, (_, i) =>
			reader(traffic, location, 1 + traffic.run * 1_000 + location * 100 + i),
		),
	);
	// A roaming client's person is named after its seed (and found by that name): each run's are its own.
	const roamers = locations.flatMap((home) => [
		roamer(traffic, home, true, 500_000 + traffic.run * 1_000 + home),
		roamer(traffic, home, false, 600_000 + traffic.run * 1_000 + home),
	]);
	const [roaming] = await Promise.all([Promise.all(roamers), Promise.all(readers)]);
	return roaming;
}
