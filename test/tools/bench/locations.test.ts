import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Locations, startLocations } from "../../../src/tools/bench/locations";
import { bundleForProduction, productionVars } from "../../../src/tools/lib/wrangler";
import { samplePerson } from "../../support/sample-person";

const TOKEN = "locations-test-token";
const CLIENT = { "cf-connecting-ip": "203.0.113.9" };
let locations: Locations;
let folder: string;

beforeAll(async () => {
	folder = mkdtempSync(join(tmpdir(), "titanic-locations-"));
	locations = await startLocations({
		bundle: bundleForProduction(join(folder, "bundle")),
		folder,
		rttsMs: [0, 30],
		endpoint: inject("neonHttpEndpoint"),
		vars: {
			...(await productionVars()),
			LOG_LEVEL: "warn",
			DATABASE_URL: inject("databaseUrl"),
			API_TOKEN: TOKEN,
		},
	});
}, 60_000);

afterAll(async () => {
	await locations.stop();
	rmSync(folder, { recursive: true, force: true });
});

async function call(
	at: number,
	path: string,
	init: { method?: string; body?: unknown; bookmark?: string } = {},
) {
	const headers: Record<string, string> = { ...CLIENT, authorization: `Bearer ${TOKEN}` };
	if (init.body !== undefined) headers["content-type"] = "application/json";
	if (init.bookmark) headers.bookmark = init.bookmark;
	const response = await fetch(`${locations.all[at]?.url}${path}`, {
		method: init.method ?? "GET",
		headers,
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
	});
	const text = await response.text();
	return {
		status: response.status,
		json: text ? JSON.parse(text) : undefined,
		cacheStatus: response.headers.get("cache-status"),
		bookmark: response.headers.get("bookmark") ?? "",
	};
}

describe("two locations, each with a read cache of its own", () => {
	it("show a client its own write at the other location when it sends its bookmark", async () => {
		const person = samplePerson({ fare: 10 });
		const created = await call(0, "/people", { method: "POST", body: person });
		const path = `/people/${created.json.uuid}`;
		const byName = `/people?q=${encodeURIComponent(person.name)}`;
		expect((await call(1, path)).json.fare).toBe(10);
		expect((await call(1, byName)).json[0].fare).toBe(10);

		const patched = await call(0, path, { method: "PATCH", body: { fare: 99 } });
		expect(patched.status).toBe(200);
		// Without the bookmark the other location answers what it stored: correct, only older.
		const unaware = await call(1, path);
		expect(unaware.json.fare).toBe(10);
		expect(unaware.cacheStatus).toMatch(/^titanic-people-api; hit; ttl=\d+$/);

		const mine = await call(1, path, { bookmark: patched.bookmark });
		expect(mine.json.fare).toBe(99);
		expect(mine.cacheStatus).toBe("titanic-people-api; fwd=request; stored; detail=bookmark");
		expect((await call(1, byName, { bookmark: patched.bookmark })).json[0].fare).toBe(99);
		// The answer stored for the bookmark serves it again, and everyone else from then on.
		const again = await call(1, path, { bookmark: mine.bookmark });
		expect([again.json.fare, again.cacheStatus?.includes("; hit;")]).toEqual([99, true]);
		expect((await call(1, path)).json.fare).toBe(99);
	});

	it("keep a client's reads monotonic: a bookmark from one answer is never answered with an older one", async () => {
		const created = await call(0, "/people", { method: "POST", body: samplePerson({ age: 20 }) });
		const path = `/people/${created.json.uuid}`;
		await call(1, path);
		const patched = await call(0, path, { method: "PATCH", body: { age: 21 } });
		const seen = await call(0, path, { bookmark: patched.bookmark });
		expect(seen.json.age).toBe(21);
		expect((await call(1, path, { bookmark: seen.bookmark })).json.age).toBe(21);
	});
});
