import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import api from "../../src/api";
import { ORIGIN, api as throughTheWorker } from "../support/api";

describe("the hand-over from the edge to the API", () => {
	it("gives the API the request id and timing the edge reports", async () => {
		const response = await throughTheWorker("/people?limit=1");
		expect(response.status).toBe(200);
		expect(response.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
		expect(Number(/db;dur=([\d.]+)/.exec(response.headers.get("Server-Timing") ?? "")?.[1])).toBeGreaterThan(
			0,
		);
	});

	it("refuses a request the edge did not hand over, rather than answer it with another's id and timing", async () => {
		const response = await api.fetch(new Request(`${ORIGIN}/healthz`), env);
		expect(response.status).toBe(500);
		expect(response.headers.get("Content-Type")).toBe("application/problem+json");
	});
});
