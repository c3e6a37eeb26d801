import { describe, expect, it } from "vitest";
import { Recording } from "../../../src/tools/bench/geo-record";
import { readsTable } from "../../../src/tools/bench/geo-report";
import { zipf } from "../../../src/tools/bench/geo-urls";
import { seeded } from "../../../src/tools/bench/synthetic-passengers";

const answer = (cacheStatus: string, age?: number) =>
	new Headers({ "Cache-Status": cacheStatus, ...(age === undefined ? {} : { Age: String(age) }) });
const HIT = "titanic-people-api; hit; ttl=3";
const MISS = "titanic-people-api; fwd=uri-miss; stored";

describe("bench:geo's record of each read", () => {
	it("says why a read waited for the database, from what the location answered and wrote before", () => {
		const recording = new Recording(2, 60_000);
		const at = () => performance.now();
		const read = (location: number, url: string, cacheStatus: string, headers = answer(cacheStatus)) =>
			recording.read(location, url, at(), 200, headers).waited;
		expect(read(0, "/people?limit=2", MISS)).toBe("first read here");
		expect(read(0, "/people?limit=2", HIT)).toBeUndefined();
		expect(read(1, "/people?limit=2", MISS)).toBe("first read here");
		recording.write({ location: 0, status: 201 });
		expect(read(0, "/people?limit=2", MISS)).toBe("list after a write here");
		expect(read(1, "/people?limit=2", MISS)).toBe("other");
		// A failed write renews nothing.
		recording.write({ location: 1, status: 503 });
		expect(read(1, "/people?limit=2", MISS)).toBe("other");
		expect(read(0, "/people?limit=2", "titanic-people-api; fwd=request; stored; detail=bookmark")).toBe(
			"bookmark newer than the entry",
		);
		expect(read(0, "/people?limit=2", "titanic-people-api; fwd=stale; stored")).toBe("too old to serve");
		const stale = recording.read(
			0,
			"/people?limit=2",
			at(),
			200,
			answer("titanic-people-api; hit; ttl=-4; detail=stale-while-revalidate", 7),
		);
		expect([stale.waited, stale.staleAge, stale.known]).toEqual([undefined, 7, true]);
	});

	it("counts a miss of an answer the cache kept no longer as too old, not as a fault", () => {
		const recording = new Recording(1, 1_000);
		recording.read(0, "/people/x", performance.now(), 200, answer(HIT, 5));
		expect(recording.read(0, "/people/x", performance.now(), 200, answer(MISS)).waited).toBe(
			"too old to serve",
		);
	});

	it("prints a row per location with the reasons for waiting in columns", () => {
		const recording = new Recording(2, 60_000);
		recording.read(1, "/people?limit=2", performance.now(), 200, answer(MISS));
		const [, , , row] = readsTable([5, 230], recording.reads).split("\n");
		expect(row).toMatch(
			/^\| 230 ms \| 1 \| [\d.]+ \| [\d.]+ \| [\d.]+ \| 100\.0 % \| 1 \| 0 \| 0 \| 0 \| 0 \| 0 \| – \| 0 \(0\) \|$/,
		);
	});
});

describe("bench:geo's popularity", () => {
	it("follows Zipf's law: the first URL far more often than the tenth, every URL possible", () => {
		const pick = zipf(100);
		const random = seeded(7);
		const counts = Array.from({ length: 100 }, () => 0);
		for (let i = 0; i < 20_000; i++) {
			const picked = pick(random);
			counts[picked] = (counts[picked] ?? 0) + 1;
		}
		expect(counts[0]).toBeGreaterThan(5 * (counts[9] ?? 0));
		expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
	});
});
