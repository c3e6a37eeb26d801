import { describe, expect, inject, it } from "vitest";
import { IF_ERROR_DEADLINE_MS } from "../../../src/lib/edge-cache/lifetimes";
import {
	backgroundWork,
	fareChangedElsewhere,
	insertedElsewhere,
	roundTrips,
	sendJson,
	withEnv,
} from "../../support/api";
import { pastFreshness, TEST_TTL_SECONDS } from "../../support/cache";
import { samplePerson } from "../../support/sample-person";

// Fresh for two seconds, never served stale for its own sake, and in place of errors for a minute.
const STALE_IF_ERROR = {
	CACHE_TTL_SECONDS: TEST_TTL_SECONDS,
	CACHE_STALE_SECONDS: "0",
	CACHE_STALE_IF_ERROR_SECONDS: "60",
};
const DOWN = { ...STALE_IF_ERROR, NEON_HTTP_ENDPOINT: "http://127.0.0.1:1/sql" };
// The database as it wakes from a cold start: slower than the read deadline.
const ASLEEP = { ...STALE_IF_ERROR, NEON_HTTP_ENDPOINT: inject("sleepyNeonHttpEndpoint") };

/** A person stored at this location past its freshness, then changed by a write elsewhere. */
async function storedThenChanged(): Promise<string> {
	const { uuid } = await insertedElsewhere({ fare: 10 });
	expect((await withEnv(STALE_IF_ERROR, `/people/${uuid}`)).status).toBe(200);
	await fareChangedElsewhere(uuid, 20);
	pastFreshness();
	return uuid;
}

const fareOf = async (response: Response) => ((await response.json()) as { fare: number }).fare;

describe("stale-if-error", () => {
	it("answers a read the database fails with the stored answer, and says why", async () => {
		const uuid = await storedThenChanged();
		const answer = await withEnv(DOWN, `/people/${uuid}`);
		expect(answer.status).toBe(200);
		expect(await fareOf(answer)).toBe(10);
		expect(answer.headers.get("Cache-Status")).toMatch(
			/^titanic-people-api; fwd=stale; fwd-status=503; ttl=(0|-\d+); detail=stale-if-error$/,
		);
		expect(Number(answer.headers.get("Age"))).toBeGreaterThanOrEqual(2);
		expect(answer.headers.get("Retry-After")).toBeNull();
	});

	it("answers from the database while it answers, and keeps that answer", async () => {
		const uuid = await storedThenChanged();
		const before = await roundTrips();
		const answer = await withEnv(STALE_IF_ERROR, `/people/${uuid}`);
		expect(await fareOf(answer)).toBe(20);
		expect(answer.headers.get("Cache-Status")).toBe("titanic-people-api; fwd=stale; stored");
		expect(answer.headers.get("Server-Timing")).toMatch(/db;dur=(?!0,)[\d.]+/);
		expect((await roundTrips()) - before).toBe(1);
		expect(await fareOf(await withEnv(DOWN, `/people/${uuid}`))).toBe(20);
	});

	it("waits for a slow database no longer than the read deadline, and keeps its late answer", async () => {
		const uuid = await storedThenChanged();
		const started = performance.now();
		const answer = await withEnv(ASLEEP, `/people/${uuid}`);
		const waited = performance.now() - started;
		expect(await fareOf(answer)).toBe(10);
		expect(answer.headers.get("Cache-Status")).toMatch(
			/; fwd=stale; ttl=(0|-\d+); detail=database-deadline$/,
		);
		expect(waited).toBeGreaterThanOrEqual(IF_ERROR_DEADLINE_MS - 50);
		expect(waited).toBeLessThan(IF_ERROR_DEADLINE_MS + 1_000);
		await backgroundWork();
		const later = await withEnv(DOWN, `/people/${uuid}`);
		expect(later.headers.get("Cache-Status")).toMatch(/; hit; ttl=[012]$/);
		expect(await fareOf(later)).toBe(20);
	});

	it("waits out a waking database when nothing is stored (within the query timeout)", async () => {
		const { uuid } = await insertedElsewhere();
		const started = performance.now();
		const answer = await withEnv(ASLEEP, `/people/${uuid}`);
		expect(answer.status).toBe(200);
		expect(answer.headers.get("Cache-Status")).toBe("titanic-people-api; fwd=uri-miss; stored");
		expect(performance.now() - started).toBeGreaterThanOrEqual(1_400);
	});

	it("answers lists too, but never with an answer older than its lifetime for errors", async () => {
		const { name } = await insertedElsewhere();
		const byName = `/people?q=${encodeURIComponent(name)}`;
		await withEnv(STALE_IF_ERROR, byName);
		pastFreshness();
		expect((await withEnv(DOWN, byName)).status).toBe(200);
		const tooOld = { ...DOWN, CACHE_STALE_IF_ERROR_SECONDS: "1" };
		const refused = await withEnv(tooOld, byName);
		expect(refused.status).toBe(503);
		expect(refused.headers.get("Cache-Status")).toBe("titanic-people-api; fwd=stale");
	});

	it("still refuses writes (503) and keeps the stored answer for reads", async () => {
		const uuid = await storedThenChanged();
		const patch = { method: "PATCH", body: JSON.stringify({ fare: 30 }) };
		const refused = await withEnv(DOWN, `/people/${uuid}`, {
			...patch,
			headers: { "Content-Type": "application/json" },
		});
		expect(refused.status).toBe(503);
		expect(refused.headers.get("Retry-After")).toMatch(/^\d+$/);
		expect(await fareOf(await withEnv(DOWN, `/people/${uuid}`))).toBe(10);
	});

	it("keeps health checks live: readiness fails while the database is down", async () => {
		expect((await withEnv(DOWN, "/healthz")).status).toBe(200);
		const ready = await withEnv(DOWN, "/readyz");
		expect(ready.status).toBe(503);
		expect(ready.headers.get("Cache-Status")).toBeNull();
	});

	it("never answers a bookmark with an older stored answer: 503 while the database is down", async () => {
		const uuid = await storedThenChanged();
		const bookmark = (await sendJson("POST", "/people", samplePerson())).headers.get("Bookmark") ?? "";
		const answer = await withEnv(DOWN, `/people/${uuid}`, { headers: { Bookmark: bookmark } });
		expect(answer.status).toBe(503);
		expect(answer.headers.get("Cache-Status")).toBe("titanic-people-api; fwd=request; detail=bookmark");
	});
});
