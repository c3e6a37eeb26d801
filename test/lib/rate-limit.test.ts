import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import app from "../../src/index";
import { clientKey, READ_COST_UNIT_MS, rateLimit } from "../../src/lib/rate-limit";
import type { AppBindings } from "../../src/lib/types";
import { api, ORIGIN, randomAddress, sendJson, sql } from "../support/api";
import { samplePerson } from "../support/sample-person";

// The limiter's windows are aligned to the clock (60 s for the tests' budgets). A test that
// spends a budget waits for the next window when the current one is nearly over: a new window
// half-way would hand it a fresh budget (more likely the slower the machine runs).
async function inOneWindow(neededMs = 10_000, periodMs = 60_000) {
	const left = periodMs - (Date.now() % periodMs);
	if (left < neededMs) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

describe("rate limits", () => {
	it("answers 429 with Retry-After once an address spends its read budget, writes counted apart", async () => {
		await inOneWindow();
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

	it("charges a read the database time it cost: three reads of 9.5 units of Postgres time spend what thirty cheap ones would", async () => {
		await inOneWindow();
		const costing = (pgMs: number) =>
			new Hono<AppBindings>()
				.use((c, next) => {
					c.set("dbTiming", { dbMs: pgMs, pgMs });
					return next();
				})
				.use(rateLimit)
				.get("/", (c) => c.text("read"));
		const from = { "CF-Connecting-IP": randomAddress() };
		// 1 + 9 units: 10 of the tests' budget of 30 each.
		const costly = costing(9.5 * READ_COST_UNIT_MS);
		for (let i = 0; i < 3; i++) expect((await costly.request("/", { headers: from }, env)).status).toBe(200);
		expect((await costly.request("/", { headers: from }, env)).status).toBe(429);
		const cheap = costing(0.4);
		const other = { "CF-Connecting-IP": randomAddress() };
		for (let i = 0; i < 10; i++) expect((await cheap.request("/", { headers: other }, env)).status).toBe(200);
	});

	it("charges a bulk create one write unit per 100 people: 600 and 400 spend the tests' budget of 10", async () => {
		await inOneWindow();
		const from = { "CF-Connecting-IP": randomAddress() };
		const name = `Budget ${crypto.randomUUID()}`;
		const people = (n: number) => Array.from({ length: n }, () => samplePerson({ name }));
		expect((await sendJson("POST", "/people", people(600), from)).status).toBe(201);
		expect((await sendJson("POST", "/people", people(400), from)).status).toBe(201);
		expect((await sendJson("POST", "/people", samplePerson(), from)).status).toBe(429);
		// Other files read the whole table as one page of at most 1,000 with an exact count.
		await sql("delete from passengers where name = $1", [name]);
	});

	it("never limits the liveness check", async () => {
		const from = { "CF-Connecting-IP": randomAddress() };
		for (let i = 0; i < 40; i++) expect((await api("/healthz", { headers: from })).status).toBe(200);
	});

	it("counts an IPv6 client by its /64, so rotating within it does not reset the budget", async () => {
		await inOneWindow();
		const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:7`;
		let status = 200;
		for (let i = 1; i < 100 && status !== 429; i++) {
			status = (
				await api("/healthz/nope", { headers: { "CF-Connecting-IP": `${prefix}::${i.toString(16)}` } })
			).status;
		}
		expect(status).toBe(429);
		const sibling = await api("/healthz/nope", { headers: { "CF-Connecting-IP": `${prefix}:ffff:1:2:3` } });
		expect(sibling.status).toBe(429);
	});

	it("refuses a request that carries no client address rather than pool it with others", async () => {
		// Straight to the app: the test runner, like wrangler dev, adds an address otherwise.
		const response = await app.fetch(new Request(`${ORIGIN}/healthz/nope`), env);
		expect(response.status).toBe(400);
		expect(((await response.json()) as { detail: string }).detail).toMatch(/CF-Connecting-IP/);
	});
});

describe("clientKey", () => {
	it("keeps an IPv4 address and reduces an IPv6 one to its /64, in any spelling", () => {
		expect(clientKey("203.0.113.9")).toBe("203.0.113.9");
		expect(clientKey("2001:DB8:0:7::1")).toBe("2001:db8:0:7::/64");
		expect(clientKey("2001:0db8:0000:0007:ffff:1:2:3")).toBe("2001:db8:0:7::/64");
		expect(clientKey("::1")).toBe("0:0:0:0::/64");
		expect(clientKey("2001:db8::")).toBe("2001:db8:0:0::/64");
	});
});
