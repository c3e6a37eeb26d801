import { describe, expect, it } from "vitest";
import { api, randomAddress, sendJson } from "../support/api";

describe("rate limits", () => {
	it("answers 429 with Retry-After once an address spends its read budget, writes counted apart", async () => {
		const address = randomAddress();
		const from = { "CF-Connecting-IP": address };
		// Spend the read budget (30 in the tests) on 404s, until the limiter says no.
		const statuses: number[] = [];
		while (statuses.at(-1) !== 429 && statuses.length < 100) {
			statuses.push((await api("/healthz/nope", { headers: from })).status);
		}
		expect(statuses.filter((s) => s === 404).length).toBeGreaterThanOrEqual(30);
		const limited = await api("/people?limit=1", { headers: from });
		expect(limited.status).toBe(429);
		expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
		expect(limited.headers.get("Content-Type")).toBe("application/problem+json");
		const write = await sendJson("POST", "/people", { name: 1 }, from);
		expect(write.status).toBe(400);
		expect((await api("/people?limit=1")).status).toBe(200);
	});

	it("never limits the liveness check", async () => {
		const from = { "CF-Connecting-IP": randomAddress() };
		for (let i = 0; i < 40; i++) expect((await api("/healthz", { headers: from })).status).toBe(200);
	});
});
