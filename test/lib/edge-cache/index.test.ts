import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, insertedElsewhere, randomAddress, sendJson, withEnv } from "../../support/api";
import { counted, created } from "../../support/cache";
import { samplePerson } from "../../support/sample-person";

describe("the read cache of a location", () => {
	it("answers a repeated read with no database round trip, and says so", async () => {
		const { uuid } = await insertedElsewhere();
		const first = await counted(() => api(`/people/${uuid}`));
		expect(first.roundTrips).toBe(1);
		expect(first.response.headers.get("Cache-Status")).toBe("titanic-people-api; fwd=uri-miss; stored");
		expect(first.response.headers.get("Server-Timing")).toMatch(/^cache;desc=miss;dur=[\d.]+, db;dur=/);
		const again = await counted(() => api(`/people/${uuid}`));
		expect(again.roundTrips).toBe(0);
		expect(again.body).toBe(first.body);
		expect(again.response.headers.get("Cache-Status")).toMatch(/^titanic-people-api; hit; ttl=\d+$/);
		expect(again.response.headers.get("Age")).toMatch(/^\d+$/);
		expect(again.response.headers.get("CF-Cache-Status")).toBeNull();
		expect(again.response.headers.get("ETag")).toBe(first.response.headers.get("ETag"));
		expect(again.response.headers.get("Server-Timing")).toMatch(/^cache;desc=hit;dur=[\d.]+, db;dur=0,/);
		const head = await counted(() => api(`/people/${uuid}`, { method: "HEAD" }));
		expect(head).toMatchObject({ body: "", roundTrips: 0 });
		expect(head.response.headers.get("Cache-Status")).toMatch(/; hit;/);
	});

	it("revalidates from the cache: If-None-Match of a cached answer is a 304 with no round trip", async () => {
		const { uuid } = await created();
		const tag = (await counted(() => api(`/people/${uuid}`))).response.headers.get("ETag") ?? "";
		expect(tag).toMatch(/^"p\d+"$/);
		const revalidated = await counted(() => api(`/people/${uuid}`, { headers: { "If-None-Match": tag } }));
		expect(revalidated).toMatchObject({ body: "", roundTrips: 0 });
		expect(revalidated.response.status).toBe(304);
		const { headers } = revalidated.response;
		expect(headers.get("Cache-Status")).toMatch(/; hit;/);
		expect([headers.get("ETag"), headers.get("Vary"), headers.get("Cache-Control")]).toEqual([
			tag,
			"Accept",
			env.CACHE_CONTROL,
		]);
		expect(headers.get("Age")).toMatch(/^\d+$/);
		expect(headers.get("Content-Type")).toBeNull();
		// If-None-Match compares weakly, takes a list, and * matches whatever is cached.
		for (const held of [`W/${tag}`, `"other", ${tag}`, "*"]) {
			const answer = await counted(() => api(`/people/${uuid}`, { headers: { "If-None-Match": held } }));
			expect([answer.response.status, answer.roundTrips]).toEqual([304, 0]);
		}
		const stale = await counted(() => api(`/people/${uuid}`, { headers: { "If-None-Match": '"p0"' } }));
		expect([stale.response.status, stale.roundTrips]).toEqual([200, 0]);
		expect(stale.body).toContain(uuid);
	});

	it("keeps each representation apart, each with its own strong ETag", async () => {
		const { uuid } = await insertedElsewhere();
		const page = { headers: { Accept: "text/html" } };
		const html = await counted(() => api(`/people/${uuid}`, page));
		const json = await counted(() => api(`/people/${uuid}`));
		expect([html.roundTrips, json.roundTrips]).toEqual([1, 1]);
		expect(html.response.headers.get("ETag")).toMatch(/^"p\d+\.html"$/);
		expect((await counted(() => api(`/people/${uuid}`, page))).body).toBe(html.body);
		const list = await counted(() => api("/people?limit=3", page));
		expect((await counted(() => api("/people?limit=3", page))).roundTrips).toBe(0);
		expect(list.response.headers.get("Content-Type")).toMatch(/^text\/html/);
	});

	it("shows every kind of write at once to the reads of its location", async () => {
		const person = await created();
		const byName = `/people?q=${encodeURIComponent(person.name)}`;
		const read = async (path: string) => (await counted(() => api(path))).body;
		await read(`/people/${person.uuid}`);
		expect(JSON.parse(await read(byName))).toHaveLength(1);
		const newcomer = samplePerson({ name: `${person.name} Junior` });
		await sendJson("POST", "/people", newcomer);
		expect(JSON.parse(await read(byName))).toHaveLength(2);
		await sendJson("PATCH", `/people/${person.uuid}`, { age: 44 });
		expect(JSON.parse(await read(`/people/${person.uuid}`)).age).toBe(44);
		expect(JSON.parse(await read(byName))[0].age).toBe(44);
		await sendJson("PUT", `/people/${person.uuid}`, samplePerson({ name: person.name, age: 45 }));
		expect(JSON.parse(await read(`/people/${person.uuid}`)).age).toBe(45);
		await api(`/people/${person.uuid}`, { method: "DELETE" });
		expect((await api(`/people/${person.uuid}`)).status).toBe(404);
		expect(JSON.parse(await read(byName))).toHaveLength(1);
	});

	it("never gives one caller's CORS headers to the next", async () => {
		const { uuid } = await created();
		const origins = { CORS_ORIGINS: "https://app.example, https://admin.example" };
		const from = (origin?: string) =>
			counted(() => withEnv(origins, `/people/${uuid}`, { headers: origin ? { Origin: origin } : {} }));
		const first = await from("https://app.example");
		expect(first.response.headers.get("Access-Control-Allow-Origin")).toBe("https://app.example");
		const [other, stranger, sameOrigin] = [
			await from("https://admin.example"),
			await from("https://evil.example"),
			await from(),
		];
		expect([other, stranger, sameOrigin].map(({ roundTrips }) => roundTrips)).toEqual([0, 0, 0]);
		expect(other.response.headers.get("Access-Control-Allow-Origin")).toBe("https://admin.example");
		expect(stranger.response.headers.get("Access-Control-Allow-Origin")).toBeNull();
		expect(sameOrigin.response.headers.get("Access-Control-Allow-Origin")).toBeNull();
		expect(sameOrigin.response.headers.get("Access-Control-Expose-Headers")).toBeNull();
	});

	it("lets a cached answer go after its lifetimes", async () => {
		const { uuid } = await insertedElsewhere();
		// Three seconds: the second read must come within them even on a slow, busy machine.
		const lifetimes = { CACHE_TTL_SECONDS: "3", CACHE_STALE_SECONDS: "0", CACHE_STALE_IF_ERROR_SECONDS: "0" };
		const shortLived = () => withEnv(lifetimes, `/people/${uuid}`);
		expect((await counted(shortLived)).roundTrips).toBe(1);
		expect((await counted(shortLived)).roundTrips).toBe(0);
		await new Promise((resolve) => setTimeout(resolve, 3_100));
		const expired = await counted(shortLived);
		expect(expired.roundTrips).toBe(1);
		expect(expired.response.headers.get("Cache-Status")).toMatch(/fwd=uri-miss/);
	});

	it("keys a representation as the route chooses it: CSV only where the path answers CSV", async () => {
		const path = `/people/stats?q=${crypto.randomUUID().slice(0, 8)}`;
		const csvThenHtml = await api(path, { headers: { Accept: "text/csv, text/html;q=0.9" } });
		expect(csvThenHtml.headers.get("Content-Type")).toMatch(/^text\/html/);
		// Statistics are never CSV: a client that takes only CSV is refused, not served JSON.
		const csvOnly = await api(path, { headers: { Accept: "text/csv" } });
		expect(csvOnly.status).toBe(406);
		expect((await api(path)).headers.get("Content-Type")).toMatch(/^application\/json/);
		const list = "/people?limit=1&sort=fare";
		expect((await api(list, { headers: { Accept: "text/csv" } })).headers.get("Content-Type")).toMatch(
			/^text\/csv/,
		);
		expect((await api(list)).headers.get("Content-Type")).toMatch(/^application\/json/);
	});

	it("keys a person's answers by the person, whatever the uuid's case or the query", async () => {
		const { uuid } = await insertedElsewhere();
		expect((await counted(() => api(`/people/${uuid}`))).roundTrips).toBe(1);
		const shouted = await counted(() => api(`/people/${uuid.toUpperCase()}?any=thing`));
		expect(shouted.roundTrips).toBe(0);
		// Only the uuid's case: no route serves /PEOPLE, so neither does the cache.
		expect((await api(`/PEOPLE/${uuid}`)).status).toBe(404);
		// The write's answer is what the cache keeps of the person, under the same key.
		await sendJson("PATCH", `/people/${uuid.toUpperCase()}`, { age: 12 });
		const after = await counted(() => api(`/people/${uuid}`));
		expect(after.roundTrips).toBe(0);
		expect(JSON.parse(after.body).age).toBe(12);
	});

	it("goes to the database when the client asks with Cache-Control: no-cache, and keeps the fresh answer", async () => {
		const { uuid } = await created();
		await counted(() => api(`/people/${uuid}`));
		for (const path of [`/people/${uuid}`, "/people?limit=2"]) {
			const fresh = await counted(() => api(path, { headers: { "Cache-Control": "no-cache" } }));
			expect(fresh.roundTrips).toBe(1);
			expect(fresh.response.headers.get("Cache-Status")).toBe("titanic-people-api; fwd=request; stored");
			expect((await counted(() => api(path))).roundTrips).toBe(0);
		}
	});

	it("answers a cached read even to an address over its read budget: the budget protects the database", async () => {
		const { uuid } = await created();
		await counted(() => api(`/people/${uuid}`));
		const from = { "CF-Connecting-IP": randomAddress() };
		let status = 200;
		for (let i = 0; i < 100 && status !== 429; i++)
			status = (await api("/healthz/nope", { headers: from })).status;
		expect(status).toBe(429);
		expect((await api(`/people/${uuid}`, { headers: from })).status).toBe(200);
		expect((await api(`/people/${uuid}`, { headers: { ...from, "Cache-Control": "no-cache" } })).status).toBe(
			429,
		);
	});

	it("never caches health checks, nor tags them", async () => {
		for (const path of ["/healthz", "/readyz"]) {
			const response = await api(path);
			expect(response.status).toBe(200);
			expect(response.headers.get("Cache-Control")).toBe("no-store");
			expect(response.headers.get("ETag")).toBeNull();
			expect(response.headers.get("Cache-Status")).toBeNull();
		}
	});
});
