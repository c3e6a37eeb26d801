import { env } from "cloudflare:workers";
import { Client, neonConfig } from "@neondatabase/serverless";
import { describe, expect, inject, it } from "vitest";
import { sha256Hex } from "../../../src/lib/idempotency-key";
import { IDEMPOTENCY_KEY_HOURS, IDEMPOTENCY_WAIT_MS } from "../../../src/routes/people/people.create";
import { pointDriverAtLocalEndpoint, webSocketHostOf } from "../../../src/tools/neon-endpoint/point-driver";
import { lastStatements, roundTrips, sendJson, sql, withEnv } from "../../support/api";
import { countWhere } from "../../support/list";
import { samplePerson } from "../../support/sample-person";

const keyed = (key: string, body: unknown, headers: Record<string, string> = {}) =>
	sendJson("POST", "/people", body, { "Idempotency-Key": `"${key}"`, ...headers });
const named = (name: string) => countWhere("name = $1", [name]);

describe("Idempotency-Key on POST /people", () => {
	it("claims the key and writes in one round trip, and answers a retry with the first answer, in one, writing nothing more", async () => {
		const key = crypto.randomUUID();
		const person = samplePerson();
		const start = await roundTrips();
		const first = await keyed(key, person);
		expect(first.status).toBe(201);
		// Claimed, written and answered in one batch.
		expect(await roundTrips()).toBe(start + 1);
		const before = await roundTrips();
		const retry = await keyed(key, person);
		expect(await roundTrips()).toBe(before + 1);
		expect(retry.status).toBe(201);
		expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
		expect(first.headers.get("Idempotent-Replayed")).toBeNull();
		expect(await retry.json()).toEqual(await first.json());
		for (const header of ["Location", "ETag", "Bookmark"]) {
			expect(retry.headers.get(header)).toBe(first.headers.get(header));
		}
		expect(await named(person.name)).toBe(1);
	});

	it("answers the same key with another body with a 422, and writes nothing", async () => {
		const key = crypto.randomUUID();
		await keyed(key, samplePerson());
		const other = samplePerson();
		const response = await keyed(key, other);
		expect(response.status).toBe(422);
		expect(((await response.json()) as { detail: string }).detail).toContain("another request");
		expect(await named(other.name)).toBe(0);
	});

	it("keeps each caller's keys apart: the same key under two tokens is two creates", async () => {
		const key = crypto.randomUUID();
		const person = samplePerson();
		for (const token of ["token-one", "token-two"]) {
			const response = await withEnv({ API_TOKEN: token }, "/people", {
				method: "POST",
				body: JSON.stringify(person),
				headers: {
					"Content-Type": "application/json",
					Authorization: `Bearer ${token}`,
					"Idempotency-Key": key,
				},
			});
			expect(response.status).toBe(201);
			expect(response.headers.get("Idempotent-Replayed")).toBeNull();
		}
		expect(await named(person.name)).toBe(2);
		// Neither token is stored: only its digest scopes the keys.
		const scopes = await sql("select scope from idempotency_keys where key = $1 order by scope", [key]);
		expect(scopes.map((row) => row.scope)).toEqual(
			(await Promise.all(["Bearer token-one", "Bearer token-two"].map(sha256Hex))).sort(),
		);
	});

	it(`forgets a key after ${IDEMPOTENCY_KEY_HOURS} hours: then it names a new request`, async () => {
		const key = crypto.randomUUID();
		await keyed(key, samplePerson());
		await sql(
			`update idempotency_keys set created_at = now() - interval '${IDEMPOTENCY_KEY_HOURS} hours 1 minute' where key = $1`,
			[key],
		);
		const later = samplePerson();
		const response = await keyed(key, later);
		expect(response.status).toBe(201);
		expect(response.headers.get("Idempotent-Replayed")).toBeNull();
		expect(await named(later.name)).toBe(1);
	});

	it("creates once for twins sent together: the second waits for the first and replays it", async () => {
		const key = crypto.randomUUID();
		const person = samplePerson();
		const twins = await Promise.all([keyed(key, person), keyed(key, person)]);
		expect(twins.map((r) => r.status)).toEqual([201, 201]);
		expect(twins.map((r) => r.headers.get("Idempotent-Replayed")).sort()).toEqual(["true", null].sort());
		expect(await named(person.name)).toBe(1);
	});

	it(`answers 409 while the key's first request is still being written (past ${IDEMPOTENCY_WAIT_MS} ms)`, async () => {
		const key = crypto.randomUUID();
		const person = samplePerson();
		if (inject("embeddedDatabase")) {
			// PGlite runs one transaction at a time and has no timer: a twin cannot be held open
			// beside this request there. What is checked is that the wait is bounded.
			await keyed(key, person);
			const statements = (await lastStatements()).map((s) => JSON.stringify(s));
			expect(statements[0]).toContain("lock_timeout");
			expect(statements[0]).toContain(String(IDEMPOTENCY_WAIT_MS));
			return;
		}
		pointDriverAtLocalEndpoint(neonConfig, webSocketHostOf(env.NEON_HTTP_ENDPOINT));
		const twin = new Client(env.DATABASE_URL);
		twin.on("error", () => undefined);
		await twin.connect();
		try {
			await twin.query("begin");
			await twin.query(
				"insert into idempotency_keys (scope, key, fingerprint) values ($1, $2, 'in flight')",
				[await sha256Hex(""), key],
			);
			const started = Date.now();
			const response = await keyed(key, person);
			expect(response.status).toBe(409);
			expect(((await response.json()) as { detail: string }).detail).toContain("still being written");
			expect(Date.now() - started).toBeGreaterThanOrEqual(IDEMPOTENCY_WAIT_MS);
			await twin.query("rollback");
		} finally {
			await twin.end();
		}
		expect(await named(person.name)).toBe(0);
		expect((await keyed(key, person)).status).toBe(201);
	});

	it("refuses a key that is not 1–255 visible ASCII characters, naming the header", async () => {
		for (const key of ["", "x".repeat(256), "naïve", '"unclosed']) {
			const response = await sendJson("POST", "/people", samplePerson(), { "Idempotency-Key": key });
			expect(response.status, key).toBe(400);
			const { errors } = (await response.json()) as { errors: { path: string }[] };
			expect(errors.map((e) => e.path)).toEqual(["idempotency-key"]);
		}
	});
});
