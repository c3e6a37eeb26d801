import { hc } from "hono/client";
import { describe, expect, it } from "vitest";
import { tour } from "../../docs/typed-client";
import type { AppType } from "../../src/index";
import { api, ORIGIN } from "../support/api";
import { samplePerson } from "../support/sample-person";

// The worker's real fetch handler, for hono's typed client (api() adds a client address).
const worker = (input: RequestInfo | URL, init?: RequestInit) =>
	api(new Request(input, init).url.slice(ORIGIN.length), new Request(input, init));
const client = hc<AppType>(ORIGIN, { fetch: worker });

describe("the typed client (hono's hc with the exported AppType)", () => {
	it("lists, creates, reads and patches people with typed requests and answers", async () => {
		const listed = await client.people.$get({ query: { limit: "2", sex: "female" }, header: {} });
		expect(listed.status).toBe(200);
		const women = await listed.json();
		// The list's 200 is JSON or, for a browser, HTML: the types say so too.
		expect(Array.isArray(women) && women.map((person) => person.sex)).toEqual(["female", "female"]);

		const created = await client.people.$post({ json: samplePerson({ name: "Typed Client" }), header: {} });
		expect(created.status).toBe(201);
		if (created.status !== 201) return;
		const added = await created.json();
		if (Array.isArray(added)) throw new Error("one person was sent");
		const { uuid } = added;

		const read = await client.people[":uuid"].$get({
			param: { uuid },
			query: { select: "name,age" },
			header: {},
		});
		expect(read.status).toBe(200);
		expect(await read.json()).toEqual({ name: "Typed Client", age: samplePerson().age });
		const patched = await client.people[":uuid"].$patch({ param: { uuid }, json: { age: 33 }, header: {} });
		expect(patched.status).toBe(200);
		if (patched.status === 200) expect((await patched.json()).age).toBe(33);
	});

	it("types each query parameter by its values: a value outside them does not compile", async () => {
		// @ts-expect-error sex is "male" | "female" | "other"
		const bogus = await client.people.$get({ query: { sex: "bogus" }, header: {} });
		expect(bogus.status).toBe(400);
	});

	it("runs the API reference's example (docs/typed-client.ts) as written", async () => {
		const { women, person } = await tour(
			ORIGIN,
			"unused: the tests' writes are open",
			worker as typeof fetch,
		);
		expect(women.length).toBe(10);
		expect(women.every((woman) => woman.sex === "female")).toBe(true);
		expect(person).toMatchObject({ name: "Ann Example", passengerClass: 3, survived: false });
	});
});
