// hono's typed client over this API: every request and answer is typed from the routes' own
// schemas, so `sex: "bogus"` does not compile. From a checkout, import AppType from
// src/index.ts as here (the tests run this file against the worker).
import { hc } from "hono/client";
import type { AppType } from "../src/index";

/** Lists women, adds a person and reads the person back where the write was made. */
export async function tour(baseUrl: string, token: string, fetch?: typeof globalThis.fetch) {
	const api = hc<AppType>(baseUrl, { fetch, headers: { Authorization: `Bearer ${token}` } });

	// `header: {}`: the route declares optional headers (Bookmark), and the client asks for them.
	const listed = await api.people.$get({ query: { sex: "female", limit: "10" }, header: {} });
	if (listed.status !== 200) throw new Error(`list: ${listed.status}`);
	// A 200 is JSON, or HTML for a browser's Accept: its type is a union, narrowed here.
	const women = await listed.json();
	if (!Array.isArray(women)) throw new Error("asked for JSON, got a page");

	// The key makes a retry after a timeout safe: it answers the first create again.
	const created = await api.people.$post({
		header: { "idempotency-key": crypto.randomUUID() },
		json: {
			passengerClass: 3,
			name: "Ann Example",
			sex: "female",
			age: 30,
			siblingsOrSpousesAboard: 0,
			parentsOrChildrenAboard: 0,
			fare: 8.05,
		},
	});
	if (created.status !== 201) throw new Error(`create: ${created.status}`);
	// One person for an object, an array for an array: narrowed here.
	const added = await created.json();
	if (Array.isArray(added)) throw new Error("sent one person, got a list");
	const { uuid } = added;

	// Your own write, read back at whatever location serves you: send the write's bookmark.
	const bookmark = created.headers.get("Bookmark") ?? undefined;
	// `query: {}`: every field (`select: "name,age"` would answer those only).
	const read = await api.people[":uuid"].$get({ param: { uuid }, query: {}, header: { bookmark } });
	if (read.status !== 200) throw new Error(`read: ${read.status}`);
	const person = await read.json();
	if (typeof person !== "object" || !("uuid" in person)) throw new Error("asked for JSON, got a page");
	return { women, person };
}
