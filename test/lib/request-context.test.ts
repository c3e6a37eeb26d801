import { afterEach, describe, expect, it, vi } from "vitest";
import { api, withEnv } from "../support/api";

afterEach(() => vi.restoreAllMocks());

describe("observability", () => {
	it("gives each request an id, database time in Server-Timing, and one JSON log line", async () => {
		const lines: string[] = [];
		vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
		// The tests' level is warn, to keep their report short: this one logs as deployed.
		const response = await withEnv({ LOG_LEVEL: "info" }, "/people?limit=1", {
			headers: { "cf-ray": "8f1d2c3b4a5e6f70-AMS" },
		});
		expect(response.headers.get("X-Request-Id")).toBe("8f1d2c3b4a5e6f70-AMS");
		expect(response.headers.get("Server-Timing")).toMatch(
			/^cache;desc=(hit|miss);dur=\d+(\.\d)?, db;dur=\d+(\.\d)?, total;dur=\d+(\.\d)?$/,
		);
		const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === "request");
		expect(logged).toEqual({
			level: "info",
			msg: "request",
			requestId: "8f1d2c3b4a5e6f70-AMS",
			method: "GET",
			path: "/people",
			status: 200,
			durationMs: expect.any(Number),
			dbMs: expect.any(Number),
			cache: expect.stringMatching(/^(hit|miss)$/),
		});
		const generated = await api("/healthz");
		expect(generated.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
	});
});
