import { afterEach, describe, expect, it, vi } from "vitest";
import {
	Checks,
	count,
	percentile,
	readsOfHeldPaths,
	report,
	summarise,
} from "../../../src/tools/load-test/report";

afterEach(() => vi.restoreAllMocks());

describe("test:load's report", () => {
	it("finds the reads in a window of paths whose answers the location still held", () => {
		const outcomes = [
			{ at: 100, ms: 5, status: 200, read: "/people/a" },
			{ at: 110, ms: 5, status: 200, read: "/people?limit=2" },
			{ at: 200, ms: 9, status: 201 },
			{ at: 300, ms: 5, status: 200, read: "/people?limit=3" },
			{ at: 310, ms: 5, status: 404, read: "/people/b" },
			// In the window: a held person, a list retired by the write, a held list, a path never read.
			{ at: 1000, ms: 5, status: 200, read: "/people/a" },
			{ at: 1001, ms: 5, status: 503, read: "/people?limit=2" },
			{ at: 1002, ms: 5, status: 200, read: "/people?limit=3" },
			{ at: 1003, ms: 5, status: 503, read: "/people/b" },
			{ at: 5000, ms: 5, status: 200, read: "/people/a" },
		];
		expect(readsOfHeldPaths(outcomes, { from: 900, to: 2000 }).map((o) => o.at)).toEqual([1000, 1002]);
	});

	it("counts statuses in order, naming dropped connections", () => {
		expect(summarise([503, 200, 0, 200, 201])).toBe("no answer×1 200×2 201×1 503×1");
		expect(count([1, 5, 7], (n) => n > 4)).toBe(2);
	});

	it("takes a percentile by nearest rank below, the largest value at 1, and 0 of nothing", () => {
		const sorted = [3, 5, 8, 13];
		expect(percentile(sorted, 0.5)).toBe(8);
		expect(percentile(sorted, 0.2)).toBe(3);
		expect(percentile(sorted, 1)).toBe(13);
		expect(percentile([], 0.5)).toBe(0);
	});

	it("keeps failed checks for the exit code and prints each", () => {
		const lines: string[] = [];
		vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
		const { check, failures } = new Checks();
		check(true, "A: no 5xx");
		check(false, "B: nothing hangs");
		expect(failures).toEqual(["B: nothing hangs"]);
		expect(lines).toEqual(["✓ A: no 5xx", "✗ B: nothing hangs"]);
	});

	it("prints a phase as requests, rate, latency percentiles and statuses", () => {
		const lines: string[] = [];
		vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
		const outcomes = [10, 20, 30, 40].map((ms, i) => ({ at: i, status: i < 3 ? 200 : 503, ms }));
		report("A. mixed load", outcomes, 2);
		expect(lines).toEqual([
			"A. mixed load: 4 requests, 2 req/s, p50 30 ms, p99 40 ms, max 40 ms; 200×3 503×1",
		]);
	});
});
