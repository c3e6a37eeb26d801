import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Person } from "../../src/db/person.schemas";
import app from "../../src/index";
import { api, ORIGIN, randomAddress, roundTrips, sendJson, sql } from "../support/api";
import { samplePerson } from "../support/sample-person";

afterEach(() => vi.restoreAllMocks());

/** The worker under another configuration, as staging or production would run it. */
function withEnv(overrides: Partial<Env>, path: string, init: RequestInit = {}) {
	const request = new Request(`${ORIGIN}${path}`, init);
	request.headers.set("CF-Connecting-IP", randomAddress());
	return app.fetch(request, { ...env, ...overrides });
}

const post = (headers: Record<string, string> = {}) => ({
	method: "POST",
	body: JSON.stringify(samplePerson()),
	headers: { "Content-Type": "application/json", ...headers },
});

describe("write protection", () => {
	const token = "s3cret-Token_for.tests";

	it("lets writes through only with the bearer token, and reads without one", async () => {
		const missing = await withEnv({ API_TOKEN: token }, "/people", post());
		expect(missing.status).toBe(401);
		expect(missing.headers.get("WWW-Authenticate")).toMatch(/^Bearer /);
		expect(missing.headers.get("Content-Type")).toBe("application/problem+json");
		const wrong = await withEnv({ API_TOKEN: token }, "/people", post({ Authorization: "Bearer nope" }));
		expect(wrong.status).toBe(401);
		expect(wrong.headers.get("WWW-Authenticate")).toMatch(/error="invalid_token"/);
		const malformed = await withEnv({ API_TOKEN: token }, "/people", post({ Authorization: "Basic abc" }));
		expect(malformed.status).toBe(400);
		const right = await withEnv({ API_TOKEN: token }, "/people", post({ Authorization: `Bearer ${token}` }));
		expect(right.status).toBe(201);
		expect((await withEnv({ API_TOKEN: token }, "/people?limit=1")).status).toBe(200);
	});

	it("refuses writes in a deployed environment that has no token", async () => {
		const response = await withEnv({ APP_ENV: "staging", API_TOKEN: undefined }, "/people", post());
		expect(response.status).toBe(503);
		expect(((await response.json()) as { detail: string }).detail).toMatch(/no API_TOKEN/);
		expect((await withEnv({ APP_ENV: "staging", API_TOKEN: undefined }, "/people?limit=1")).status).toBe(200);
	});
});

describe("rate limits", () => {
	it("answers 429 with Retry-After once an address spends its read budget, writes counted apart", async () => {
		const address = randomAddress();
		const from = { "CF-Connecting-IP": address };
		const statuses: number[] = [];
		for (let i = 0; i < 40; i++) statuses.push((await api("/healthz/nope", { headers: from })).status);
		expect(statuses.filter((s) => s === 404).length).toBeGreaterThan(0);
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

describe("health", () => {
	it("/healthz answers without touching the database", async () => {
		const before = await roundTrips();
		expect(await (await api("/healthz")).json()).toEqual({ status: "alive" });
		expect((await roundTrips()) - before).toBe(0);
	});

	it("/readyz checks the database and the newest migration", async () => {
		const response = await api("/readyz");
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: "ready", migration: expect.stringMatching(/^\d{4}_/) });
	});

	it("/readyz is a 503 naming the migration that is missing", async () => {
		const [newest] = await sql(
			"DELETE FROM drizzle.__drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM drizzle.__drizzle_migrations) RETURNING hash, created_at::text",
		);
		try {
			const response = await api("/readyz");
			expect(response.status).toBe(503);
			expect(((await response.json()) as { detail: string }).detail).toMatch(
				/migration \d{4}_\w+ is not applied/,
			);
		} finally {
			await sql("INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2::bigint)", [
				newest?.hash,
				newest?.created_at,
			]);
		}
	});

	it("/readyz is a 503 when the database does not answer", async () => {
		const response = await withEnv({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" }, "/readyz");
		expect(response.status).toBe(503);
		expect(response.headers.get("Retry-After")).toMatch(/^\d+$/);
		expect(((await response.json()) as { detail: string }).detail).toMatch(/database did not answer/);
	});
});

describe("observability", () => {
	it("gives each request an id, database time in Server-Timing, and one JSON log line", async () => {
		const lines: string[] = [];
		vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
		const response = await api("/people?limit=1", { headers: { "cf-ray": "8f1d2c3b4a5e6f70-AMS" } });
		expect(response.headers.get("X-Request-Id")).toBe("8f1d2c3b4a5e6f70-AMS");
		expect(response.headers.get("Server-Timing")).toMatch(/^db;dur=\d+(\.\d)?, total;dur=\d+(\.\d)?$/);
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
		});
		const generated = await api("/healthz");
		expect(generated.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
	});
});

describe("security headers and CORS", () => {
	it("sets secure headers on every response", async () => {
		const response = await api("/people?limit=1");
		expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
		expect(response.headers.get("Strict-Transport-Security")).toMatch(/max-age=/);
		expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
	});

	it("answers cross-origin requests and preflights from the configured origins only", async () => {
		const allowed = { CORS_ORIGINS: "https://app.example, https://admin.example" };
		const simple = await withEnv(allowed, "/people?limit=1", { headers: { Origin: "https://app.example" } });
		expect(simple.headers.get("Access-Control-Allow-Origin")).toBe("https://app.example");
		expect(simple.headers.get("Access-Control-Expose-Headers")).toMatch(/X-Total-Count/);
		const preflight = await withEnv(allowed, "/people", {
			method: "OPTIONS",
			headers: { Origin: "https://admin.example", "Access-Control-Request-Method": "POST" },
		});
		expect(preflight.status).toBe(204);
		expect(preflight.headers.get("Access-Control-Allow-Methods")).toMatch(/POST/);
		const stranger = await withEnv(allowed, "/people?limit=1", {
			headers: { Origin: "https://evil.example" },
		});
		expect(stranger.headers.get("Access-Control-Allow-Origin")).toBeNull();
	});
});

describe("HTTP caching", () => {
	it("tags reads with a strong ETag, answers If-None-Match with 304, and never serves a stale read", async () => {
		const created = (await (await sendJson("POST", "/people", samplePerson())).json()) as Person;
		const first = await api(`/people/${created.uuid}`);
		const tag = first.headers.get("ETag");
		expect(tag).toMatch(/^"[^"]+"$/);
		expect(first.headers.get("Cache-Control")).toBe(env.CACHE_CONTROL);
		const again = await api(`/people/${created.uuid}`, { headers: { "If-None-Match": tag ?? "" } });
		expect(again.status).toBe(304);
		expect(await again.text()).toBe("");
		const patched = await sendJson("PATCH", `/people/${created.uuid}`, { age: 61 });
		expect(patched.headers.get("Cache-Control")).toBe("no-store");
		const after = await api(`/people/${created.uuid}`, { headers: { "If-None-Match": tag ?? "" } });
		expect(after.status).toBe(200);
		expect(((await after.json()) as Person).age).toBe(61);
		expect(after.headers.get("ETag")).not.toBe(tag);
	});
});
