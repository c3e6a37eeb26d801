import { hc } from "hono/client";
import { describe, expect, it } from "vitest";
import type { AppType } from "../../src/index";
import { api, ORIGIN } from "../support/api";
import { samplePerson } from "../support/sample-person";

// hono's typed client, over the worker's real fetch handler (api() adds a client address).
const client = hc<AppType>(ORIGIN, {
	fetch: (input: RequestInfo | URL, init?: RequestInit) =>
		api(new Request(input, init).url.slice(ORIGIN.length), new Request(input, init)),
});

describe("the typed client (hono's hc with the exported AppType)", () => {
	it("lists, creates, reads and patches people with typed requests and answers", async () => {
		const listed = await client.people.$get({ query: { limit: "2", sex: "female" }, header: {} });
		expect(listed.status).toBe(200);
		const women = await listed.json();
		// The list's 200 is JSON or, for a browser, HTML: the types say so too.
		expect(Array.isArray(women) && women.map((person) => person.sex)).toEqual(["female", "female"]);

		const created = await client.people.$post({ json: samplePerson({ name: "Typed Client" }) });
		expect(created.status).toBe(201);
		if (created.status !== 201) return;
		const { uuid } = await created.json();

		const read = await client.people[":uuid"].$get({ param: { uuid }, header: {} });
		expect(read.status).toBe(200);
		const patched = await client.people[":uuid"].$patch({ param: { uuid }, json: { age: 33 }, header: {} });
		expect(patched.status).toBe(200);
		if (patched.status === 200) expect((await patched.json()).age).toBe(33);
	});
});
