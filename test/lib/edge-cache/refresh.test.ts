import { describe, expect, it } from "vitest";
import { recordKey, refreshLockKey } from "../../../src/lib/edge-cache/keys";
import {
	backgroundWork,
	fareChangedElsewhere,
	insertedElsewhere,
	randomAddress,
	roundTrips,
	sendJson,
	sql,
	withEnv,
} from "../../support/api";
import { pastFreshness, TEST_TTL_SECONDS } from "../../support/cache";
import { samplePerson } from "../../support/sample-person";

// Fresh for two seconds, then served stale for a minute while a refresh runs; no stale-if-error.
const STALE_WHILE_REVALIDATE = {
	CACHE_TTL_SECONDS: TEST_TTL_SECONDS,
	CACHE_STALE_SECONDS: "60",
	CACHE_STALE_IF_ERROR_SECONDS: "0",
};
const read = (path: string, init?: RequestInit) => withEnv(STALE_WHILE_REVALIDATE, path, init);

/** A person read (`init`) at this location, then changed in the database by a write elsewhere. */
async function changedBehindTheCache(init?: RequestInit) {
	const person = await insertedElsewhere({ fare: 10 });
	const first = await read(`/people/${person.uuid}`, init);
	expect(first.status).toBe(200);
	await fareChangedElsewhere(person.uuid, 20);
	return { uuid: person.uuid, etag: first.headers.get("ETag") ?? "" };
}

describe("stale-while-revalidate", () => {
	it("answers a stale entry at once and refreshes it in the background, once however many read it", async () => {
		const { uuid } = await changedBehindTheCache();
		pastFreshness();
		const before = await roundTrips();
		const [first, second] = await Promise.all([read(`/people/${uuid}`), read(`/people/${uuid}`)]);
		for (const stale of [first, second]) {
			expect(stale.status).toBe(200);
			expect(((await stale.json()) as { fare: number }).fare).toBe(10);
			expect(stale.headers.get("Cache-Status")).toMatch(
				/^titanic-people-api; hit; ttl=(0|-\d+); detail=stale-while-revalidate$/,
			);
			expect(Number(stale.headers.get("Age"))).toBeGreaterThanOrEqual(2);
			expect(stale.headers.get("Server-Timing")).toMatch(/^cache;desc=stale;dur=[\d.]+, db;dur=0,/);
		}
		await backgroundWork();
		expect((await roundTrips()) - before).toBe(1);
		const refreshed = await read(`/people/${uuid}`);
		expect(((await refreshed.json()) as { fare: number }).fare).toBe(20);
		expect(refreshed.headers.get("Cache-Status")).toMatch(/; hit; ttl=[012]$/);
		expect((await roundTrips()) - before).toBe(1);
	});

	it("never serves a stale list across a write made at its location", async () => {
		const person = await insertedElsewhere();
		const byName = `/people?q=${encodeURIComponent(person.name)}`;
		expect(await (await read(byName)).json()).toHaveLength(1);
		pastFreshness();
		await sendJson("POST", "/people", samplePerson({ name: `${person.name} Junior` }));
		const after = await read(byName);
		expect(after.headers.get("Cache-Status")).toBe("titanic-people-api; fwd=uri-miss; stored");
		expect(await after.json()).toHaveLength(2);
	});

	it("forgets a stale person whom the refresh finds gone", async () => {
		const person = await insertedElsewhere();
		await read(`/people/${person.uuid}`);
		await sql("DELETE FROM passengers WHERE uuid = $1", [person.uuid]);
		pastFreshness();
		expect((await read(`/people/${person.uuid}`)).status).toBe(200);
		await backgroundWork();
		const gone = await read(`/people/${person.uuid}`);
		expect(gone.status).toBe(404);
		expect(gone.headers.get("Cache-Status")).toBe("titanic-people-api; fwd=uri-miss");
	});

	it("starts no refresh while another instance at the location announces one", async () => {
		const { uuid } = await changedBehindTheCache();
		pastFreshness();
		const lock = refreshLockKey(recordKey(`/people/${uuid}`, "application/json"));
		await caches.default.put(lock, new Response(null, { headers: { "Cache-Control": "max-age=60" } }));
		const before = await roundTrips();
		expect(((await (await read(`/people/${uuid}`)).json()) as { fare: number }).fare).toBe(10);
		await backgroundWork();
		expect((await roundTrips()) - before).toBe(0);
		await caches.default.delete(lock);
		await read(`/people/${uuid}`);
		await backgroundWork();
		expect((await roundTrips()) - before).toBe(1);
		// The refresh took its lock and gave it back.
		expect(await caches.default.match(lock)).toBeUndefined();
	});

	it("answers a stale entry to an address over its read budget, and refreshes it all the same", async () => {
		const { uuid } = await changedBehindTheCache();
		const from = { "CF-Connecting-IP": randomAddress() };
		let status = 200;
		for (let i = 0; i < 100 && status !== 429; i++)
			status = (await read("/people/nobody", { headers: from })).status;
		expect(status).toBe(429);
		pastFreshness();
		const stale = await read(`/people/${uuid}`, { headers: from });
		expect([stale.status, ((await stale.json()) as { fare: number }).fare]).toEqual([200, 10]);
		await backgroundWork();
		expect(((await (await read(`/people/${uuid}`, { headers: from })).json()) as { fare: number }).fare).toBe(
			20,
		);
	});

	it("refreshes with the request's representation, never with its conditions or origin", async () => {
		const { uuid, etag: tag } = await changedBehindTheCache({ headers: { Accept: "text/html" } });
		pastFreshness();
		const conditional = { Accept: "text/html", "If-None-Match": tag, Origin: "https://app.example" };
		expect((await read(`/people/${uuid}`, { headers: conditional })).status).toBe(304);
		await backgroundWork();
		const refreshed = await read(`/people/${uuid}`, { headers: { Accept: "text/html" } });
		expect(refreshed.headers.get("Content-Type")).toMatch(/^text\/html/);
		expect(refreshed.headers.get("ETag")).not.toBe(tag);
		expect(refreshed.headers.get("Access-Control-Allow-Origin")).toBeNull();
		expect(await refreshed.text()).toContain("£20.00");
	});
});
