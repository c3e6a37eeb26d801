import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, inject, it } from "vitest";
import { edgeCache } from "../../../src/lib/edge-cache";
import { writtenKey } from "../../../src/lib/edge-cache/keys";
import { writtenSince } from "../../../src/lib/edge-cache/writes";
import type { AppBindings } from "../../../src/lib/types";
import { personRecords } from "../../../src/routes/people/people.records";
import { api, ORIGIN, sendJson, withEnv } from "../../support/api";
import { counted } from "../../support/cache";
import { samplePerson } from "../../support/sample-person";

describe("what a write leaves in its location's cache", () => {
	it("its answer, as the person's JSON: read right after, at no round trip", async () => {
		const created = await sendJson("POST", "/people", samplePerson());
		const person = (await created.clone().json()) as { uuid: string };
		const read = await counted(() => api(`/people/${person.uuid}`));
		expect(read.roundTrips).toBe(0);
		expect(JSON.parse(read.body)).toEqual(await created.json());
		const { headers } = read.response;
		expect(headers.get("Cache-Status")).toMatch(/^titanic-people-api; hit; ttl=\d+$/);
		expect([headers.get("ETag"), headers.get("Bookmark")]).toEqual([
			created.headers.get("ETag"),
			created.headers.get("Bookmark"),
		]);
		expect([headers.get("Vary"), headers.get("Location"), read.response.status]).toEqual([
			"Accept",
			null,
			200,
		]);

		const patched = await sendJson("PATCH", `/people/${person.uuid}`, { age: 61 });
		const afterPatch = await counted(() => api(`/people/${person.uuid}`));
		expect([afterPatch.roundTrips, JSON.parse(afterPatch.body).age]).toEqual([0, 61]);
		expect(afterPatch.response.headers.get("ETag")).toBe(patched.headers.get("ETag"));
	});

	it("no page of the person from before it, and nothing after a DELETE", async () => {
		const created = (await (await sendJson("POST", "/people", samplePerson())).json()) as { uuid: string };
		const page = () => api(`/people/${created.uuid}`, { headers: { Accept: "text/html" } });
		await counted(page);
		await sendJson("PATCH", `/people/${created.uuid}`, { fare: 77 });
		const pageAfter = await counted(page);
		expect(pageAfter.roundTrips).toBe(1);
		expect(pageAfter.body).toContain("£77.00");
		await api(`/people/${created.uuid}`, { method: "DELETE" });
		const gone = await counted(() => api(`/people/${created.uuid}`));
		expect([gone.response.status, gone.roundTrips]).toEqual([404, 1]);
	});

	it("never an older version over a newer one, whatever order the writes finish in", async () => {
		// The cache's own logic, around a route that answers with the version it is told.
		const app = new Hono<AppBindings>();
		app.use(async (c, next) => {
			c.set("dbTiming", { dbMs: 0, pgMs: 0 });
			await next();
		});
		app.use(edgeCache(personRecords, async () => new Response(null, { status: 503 })));
		app.patch("/people/:uuid", (c) =>
			c.json({ version: c.req.header("Version") }, 200, { ETag: `"p${c.req.header("Version")}"` }),
		);
		const uuid = crypto.randomUUID();
		const write = (version: number) =>
			app.fetch(
				new Request(`${ORIGIN}/people/${uuid}`, { method: "PATCH", headers: { Version: String(version) } }),
				env,
			);
		await write(10);
		await write(9);
		const kept = await app.fetch(new Request(`${ORIGIN}/people/${uuid}`), env);
		expect(kept.headers.get("ETag")).toBe('"p10"');
		expect(await kept.json()).toEqual({ version: "10" });
		await write(11);
		expect((await app.fetch(new Request(`${ORIGIN}/people/${uuid}`), env)).headers.get("ETag")).toBe('"p11"');
	});
});

describe("a write whose answer never came back", () => {
	it("is a 504 saying it may have happened and how to find out, and the location forgets the person", async () => {
		const created = await sendJson("POST", "/people", samplePerson({ age: 40 }));
		const { uuid } = (await created.json()) as { uuid: string };
		await api(`/people/${uuid}`);
		await api("/people?limit=1");
		const lost = { NEON_HTTP_ENDPOINT: inject("answerLosingNeonHttpEndpoint") };
		const patched = await withEnv(lost, `/people/${uuid}`, {
			method: "PATCH",
			headers: { "Content-Type": "application/json" },
			body: JSON.stringify({ age: 41 }),
		});
		expect(patched.status).toBe(504);
		expect(patched.headers.get("Retry-After")).toBeNull();
		expect(((await patched.json()) as { detail: string }).detail).toMatch(
			/^the database did not confirm the write in time, so it may have happened: read the person/,
		);
		// It did happen; this location no longer claims otherwise, for the person or a list.
		const read = await counted(() => api(`/people/${uuid}`));
		expect([read.roundTrips, JSON.parse(read.body).age]).toEqual([1, 41]);
		expect((await counted(() => api("/people?limit=1"))).roundTrips).toBe(1);
	}, 15_000);
});

describe("a read that raced a write to the same record at its location", () => {
	const answerShowing = (bookmark: string) => new Response("{}", { headers: { Bookmark: bookmark } });

	it("finds the write's mark, and knows whether its answer shows the write", async () => {
		const created = await sendJson("POST", "/people", samplePerson());
		const { uuid } = (await created.json()) as { uuid: string };
		const record = `/people/${uuid}`;
		expect(await caches.default.match(writtenKey(record))).toBeUndefined();
		expect(await writtenSince(caches.default, record, answerShowing("1"))).toBe(false);
		const patched = await sendJson("PATCH", record, { age: 5 });
		const mark = await caches.default.match(writtenKey(record));
		expect(mark?.headers.get("Bookmark")).toBe(patched.headers.get("Bookmark"));
		// An answer from before the write (the POST's state) hides it; the write's own does not.
		expect(
			await writtenSince(caches.default, record, answerShowing(created.headers.get("Bookmark") ?? "")),
		).toBe(true);
		expect(
			await writtenSince(caches.default, record, answerShowing(patched.headers.get("Bookmark") ?? "")),
		).toBe(false);
		const later = await sendJson("POST", "/people", samplePerson());
		expect(
			await writtenSince(caches.default, record, answerShowing(later.headers.get("Bookmark") ?? "")),
		).toBe(false);
	});
});
