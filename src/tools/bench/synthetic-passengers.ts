import { createWriteStream } from "node:fs";
import { CSV_HEADER } from "../../db/passenger-rows";
import type { NewPerson } from "../../db/person.schemas";

// Synthetic passengers for the benchmarks: names varied the way real lists are (a few
// very common surnames, a long tail of rare ones), so that name searches cost what they would.
const TITLES = [
	["Mr.", 45],
	["Mrs.", 20],
	["Miss", 20],
	["Master", 10],
	["Dr.", 3],
	["Rev.", 2],
] as const;
const FIRST_NAMES = [
	"William",
	"John",
	"Mary",
	"Anna",
	"Thomas",
	"Elizabeth",
	"James",
	"Margaret",
	"George",
	"Helen",
];
// Consonant-vowel syllables, 90 of them: three make 729,000 distinct surnames (one per rank
// up to SURNAMES), which share few trigrams, as real ones do.
const SYLLABLES = [..."bcdfghjklmnprstvwz"].flatMap((c) => [..."aeiou"].map((v) => c + v));
const SURNAMES = 100_000;

/** A small deterministic generator (mulberry32), so every run makes the same file (and asks the same things). */
export function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
}

/** The surname of rank `index`: three syllables, the digits of the index in base 90. */
export function surname(index: number): string {
	const n = SYLLABLES.length;
	const name = [index % n, Math.floor(index / n) % n, Math.floor(index / n / n) % n]
		.map((digit) => SYLLABLES[digit])
		.join("");
	return name.charAt(0).toUpperCase() + name.slice(1);
}

function title(r: number): string {
	let percent = r * 100;
	for (const [text, share] of TITLES) {
		percent -= share;
		if (percent < 0) return text;
	}
	return "Mr.";
}

/** The i-th of a series of valid passengers for API requests: every field varies with i. */
export function syntheticPerson(i: number): NewPerson {
	return {
		survived: i % 2 === 0,
		passengerClass: (i % 3) + 1,
		name: `${title((i % 100) / 100)} ${FIRST_NAMES[i % FIRST_NAMES.length]} ${surname(i)}`,
		sex: i % 2 ? "male" : "female",
		age: 0.42 + (i % 80),
		siblingsOrSpousesAboard: i % 4,
		parentsOrChildrenAboard: i % 3,
		fare: 7.25 + (i % 500),
	};
}

export interface SyntheticFile {
	/** How often each surname rank was used, for choosing a rare one to search for. */
	surnameCounts: Map<number, number>;
}

/**
 * Writes `count` passengers as the loader's CSV: quoted names with commas now and then,
 * fractional ages, whole and fractional fares, surnames of skewed frequency, and filter
 * combinations that are rare (first-class women) or empty (first-class women who died).
 */
export async function writeSyntheticCsv(path: string, count: number, seed = 1912): Promise<SyntheticFile> {
	const next = seeded(seed);
	const surnameCounts = new Map<number, number>();
	const out = createWriteStream(path);
	const write = (text: string) =>
		out.write(text) ? undefined : new Promise<void>((resolve) => out.once("drain", () => resolve()));
	await write(`${CSV_HEADER.join(",")}\n`);
	let chunk = "";
	for (let i = 0; i < count; i++) {
		const rank = Math.floor(SURNAMES * next() ** 4);
		surnameCounts.set(rank, (surnameCounts.get(rank) ?? 0) + 1);
		const first = FIRST_NAMES[Math.floor(next() * FIRST_NAMES.length)];
		const name = `${title(next())} ${first} ${surname(rank)}`;
		const quoted = i % 20 === 0 ? `"${surname(rank)}, ${name}"` : name;
		const age = i % 25 === 0 ? Math.round(next() * 100) / 100 + 0.42 : Math.floor(next() * 80);
		const fare = i % 5 === 0 ? Math.floor(next() * 100) : Math.round(next() * 50_000) / 100;
		const passengerClass = 1 + Math.floor(next() * 3);
		// Rare together though common apart, as the planner must learn: first-class women are
		// 1 in 300 of first class, and every one of them survived.
		const sex = next() < (passengerClass === 1 ? 1 / 300 : 0.5) ? "female" : "male";
		const survived = sex === "female" && passengerClass === 1 ? 1 : next() < 0.38 ? 1 : 0;
		chunk += `${survived},${passengerClass},${quoted},${sex},${age},${i % 5},${i % 4},${fare}\n`;
		if (chunk.length > 1 << 16) {
			await write(chunk);
			chunk = "";
		}
	}
	await write(chunk);
	await new Promise((resolve) => out.end(resolve));
	return { surnameCounts };
}
