import { afterEach, describe, expect, it, vi } from "vitest";
import { api, withEnv } from "../support/api";

afterEach(() => vi.restoreAllMocks());

describe("observability", () => {
	it("gives each request an id, database time in Server-Timing, and one JSON log line", async () => {
		const lines: string[] = [];
		vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
		// The tests' level is warn, to keep their report short: this one logs as deployed.
		// Past the read cache, so that the database is asked and its time counted.
		const response = await withEnv({ LOG_LEVEL: "info" }, "/people?limit=1", {
			headers: { "cf-ray": "8f1d2c3b4a5e6f70-AMS", "Cache-Control": "no-cache" },
		});
		expect(response.headers.get("X-Request-Id")).toBe("8f1d2c3b4a5e6f70-AMS");
		const timing = response.headers.get("Server-Timing") ?? "";
		expect(timing).toMatch(
			/^cache;desc=miss;dur=\d+(\.\d)?, db;dur=\d+(\.\d)?, pg;dur=\d+(\.\d)?, total;dur=\d+(\.\d)?$/,
		);
		const dbMs = Number(/db;dur=([\d.]+)/.exec(timing)?.[1]);
		const pgMs = Number(/pg;dur=([\d.]+)/.exec(timing)?.[1]);
		expect(dbMs).toBeGreaterThan(0);
		// Postgres's own time is part of the wait for its answer.
		expect(pgMs).toBeGreaterThan(0);
		expect(pgMs).toBeLessThanOrEqual(dbMs);
		const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === "request");
		expect(logged).toEqual({
			level: "info",
			msg: "request",
			requestId: "8f1d2c3b4a5e6f70-AMS",
			method: "GET",
			path: "/people",
			status: 200,
			durationMs: expect.any(Number),
			dbMs,
			pgMs,
			cache: "miss",
		});
		const generated = await api("/healthz");
		expect(generated.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
	});
});
