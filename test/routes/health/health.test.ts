import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { api, roundTrips, sql, withEnv } from "../../support/api";

describe("health", () => {
	it("/healthz answers without touching the database", async () => {
		const before = await roundTrips();
		expect(await (await api("/healthz")).json()).toEqual({ status: "alive", version: env.VERSION.id });
		expect(env.VERSION.id).toMatch(/^[0-9a-f-]{36}$/);
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

	it("/readyz waits out a database that wakes from a cold start", async () => {
		const started = Date.now();
		const response = await withEnv({ NEON_HTTP_ENDPOINT: inject("sleepyNeonHttpEndpoint") }, "/readyz");
		expect(response.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
	});

	it("/readyz is a 503 when the database does not answer", async () => {
		const response = await withEnv({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" }, "/readyz");
		expect(response.status).toBe(503);
		expect(response.headers.get("Retry-After")).toMatch(/^\d+$/);
		expect(((await response.json()) as { detail: string }).detail).toMatch(/database did not answer/);
	});
});
