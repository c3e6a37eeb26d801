import { describe, expect, it } from "vitest";
import { includes, stateOfBookmark } from "../../../src/lib/bookmark";
import { api, insertedElsewhere, sendJson } from "../../support/api";
import { counted } from "../../support/cache";
import { samplePerson } from "../../support/sample-person";

const bookmarkOf = (response: Response) => response.headers.get("Bookmark") ?? "";
const stateIn = (response: Response) => stateOfBookmark(bookmarkOf(response));

/** A bookmark newer than anything this location has stored: a write's, to another person. */
async function newerBookmark(): Promise<string> {
	return bookmarkOf(await sendJson("POST", "/people", samplePerson()));
}

describe("bookmarks at one location", () => {
	it("comes with every read and every write", async () => {
		const { uuid } = await insertedElsewhere();
		const reads = [
			`/people/${uuid}`,
			"/people?limit=2",
			"/people/stats?groupBy=sex",
			`/people/${crypto.randomUUID()}`,
		];
		for (const path of reads) expect(stateIn(await api(path)), path).toBeDefined();
		for (const accept of ["text/html", "text/csv"]) {
			expect(stateIn(await api("/people?limit=2", { headers: { Accept: accept } })), accept).toBeDefined();
		}
		const created = await sendJson("POST", "/people", samplePerson());
		const { uuid: made } = (await created.clone().json()) as { uuid: string };
		const writes = [
			created,
			await sendJson("PATCH", `/people/${made}`, { age: 7 }),
			await sendJson("PUT", `/people/${made}`, samplePerson()),
			await api(`/people/${made}`, { method: "DELETE" }),
		];
		for (const write of writes) expect(stateIn(write), String(write.status)).toBeDefined();
	});

	it("is answered from the cache by an entry at least that new, else from the database, which then stores it", async () => {
		const { uuid } = await insertedElsewhere();
		const stored = await counted(() => api(`/people/${uuid}`));
		const bookmark = await newerBookmark();
		const sent = stateOfBookmark(bookmark);
		const withBookmark = () => api(`/people/${uuid}`, { headers: { Bookmark: bookmark } });
		const fromDatabase = await counted(withBookmark);
		expect(fromDatabase.roundTrips).toBe(1);
		expect(fromDatabase.response.headers.get("Cache-Status")).toBe(
			"titanic-people-api; fwd=request; stored; detail=bookmark",
		);
		const answered = stateIn(fromDatabase.response);
		expect(answered && sent && includes(answered, sent)).toBe(true);
		expect(answered && includes(answered, stateIn(stored.response) ?? { xmax: 0, running: [] })).toBe(true);
		const again = await counted(withBookmark);
		expect(again.roundTrips).toBe(0);
		expect(again.response.headers.get("Cache-Status")).toMatch(/; hit; /);
	});

	it("changes nothing for a read without one: the entry stored before is still the answer", async () => {
		const { uuid } = await insertedElsewhere();
		const first = await counted(() => api(`/people/${uuid}`));
		await newerBookmark();
		const later = await counted(() => api(`/people/${uuid}`));
		expect(later.roundTrips).toBe(0);
		expect(bookmarkOf(later.response)).toBe(bookmarkOf(first.response));
	});

	it("is kept by a revalidation's 304", async () => {
		const { uuid } = await insertedElsewhere();
		const first = await api(`/people/${uuid}`);
		const etag = first.headers.get("ETag") ?? "";
		const revalidated = await api(`/people/${uuid}`, { headers: { "If-None-Match": etag } });
		expect(revalidated.status).toBe(304);
		expect(bookmarkOf(revalidated)).toBe(bookmarkOf(first));
	});

	it("is read by a write's own location straight from what the write stored", async () => {
		const created = await sendJson("POST", "/people", samplePerson());
		const { uuid } = (await created.json()) as { uuid: string };
		const read = await counted(() => api(`/people/${uuid}`, { headers: { Bookmark: bookmarkOf(created) } }));
		expect(read.roundTrips).toBe(0);
		expect(bookmarkOf(read.response)).toBe(bookmarkOf(created));
	});

	it.each(["not a bookmark", "K3L9", "1.0"])(
		"refuses a malformed one (%j) with a 400 naming it",
		async (bad) => {
			const refused = await counted(() => api("/people?limit=1", { headers: { Bookmark: bad } }));
			expect(refused.response.status).toBe(400);
			expect(refused.roundTrips).toBe(0);
			expect(JSON.parse(refused.body)).toMatchObject({ errors: [{ path: "bookmark" }] });
		},
	);
});
