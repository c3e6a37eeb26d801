import { describe, expect, it } from "vitest";
import { figuresTable, type KindFigures, medianRow } from "../../../src/tools/bench/kind-figures";

const run = (cpuUserMs: number, otherStatuses = 0): KindFigures => ({
	reqPerSecond: 1000 * cpuUserMs,
	p50: cpuUserMs,
	p99: 10 * cpuUserMs,
	otherStatuses,
	roundTrips: 0,
	cpuUserMs,
	cpuKernelMs: 0.01,
});

describe("bench:api's rows", () => {
	it("print each figure as the median of the rounds, and every other status of every round", () => {
		expect(medianRow("GET /x", [run(0.5), run(0.2, 3), run(0.3)])).toBe(
			"| GET /x | 300 | 0.3 | 3 | 3 | 0.00 | 0.31 (0.30 + 0.01) |",
		);
		expect(medianRow("GET /x", [run(0.5), run(0.2), run(0.3, 1), run(0.9)])).toBe(
			"| GET /x | 400 | 0.4 | 4 | 1 | 0.00 | 0.41 (0.40 + 0.01) |",
		);
	});

	it("make a markdown table with a row per kind, in the order the kinds ran", () => {
		const runs = new Map([
			["GET /b", [run(0.2)]],
			["GET /a", [run(0.3), run(0.1)]],
		]);
		const lines = figuresTable(runs).split("\n");
		expect(lines).toHaveLength(4);
		expect(lines[0]).toMatch(/^\| request \|.*\| worker CPU ms\/request \(user \+ kernel\) \|$/);
		expect(lines.slice(2).map((line) => line.split(" | ")[0])).toEqual(["| GET /b", "| GET /a"]);
		expect(lines[3]).toBe("| GET /a | 200 | 0.2 | 2 | 0 | 0.00 | 0.21 (0.20 + 0.01) |");
	});
});
