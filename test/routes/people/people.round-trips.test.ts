import { describe, expect, it } from "vitest";
import type { Person } from "../../../src/db/person.schemas";
import { api, insertedElsewhere, roundTrips, sendJson } from "../../support/api";
import { samplePerson } from "../../support/sample-person";

async function countRoundTrips(request: () => Promise<Response>) {
	const before = await roundTrips();
	const response = await request();
	await response.arrayBuffer();
	return { status: response.status, roundTrips: (await roundTrips()) - before };
}

async function existingUuid(): Promise<string> {
	const response = await sendJson("POST", "/people", samplePerson());
	return ((await response.json()) as Person).uuid;
}

describe("one database round trip per request", () => {
	const absent = crypto.randomUUID();
	// Each case prepares what it needs (uncounted), then returns the request to count.
	const withExisting = (request: (uuid: string) => Promise<Response>) => async () => {
		const uuid = await existingUuid();
		return () => request(uuid);
	};
	const plain = (request: () => Promise<Response>) => async () => request;
	const cases: [string, number, () => Promise<() => Promise<Response>>][] = [
		["GET /people", 200, plain(() => api("/people"))],
		[
			"GET /people with filters, sort and paging",
			200,
			plain(() => api("/people?sex=female&q=mrs&sort=-fare&limit=5&offset=5")),
		],
		[
			"GET /people by a cursor, counted exactly",
			200,
			async () => {
				const first = await api("/people?limit=5&sort=-age");
				const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("Link") ?? "")?.[1] ?? "";
				return () => api(next, { headers: { Prefer: "count=exact" } });
			},
		],
		[
			"GET /people, counted by the planner",
			200,
			plain(() => api("/people?q=mr", { headers: { Prefer: "count=planned" } })),
		],
		[
			"GET /people, the last page",
			200,
			async () => {
				const first = await api("/people?limit=5&sex=male");
				const last = /<([^>]+)>; rel="last"/.exec(first.headers.get("Link") ?? "")?.[1] ?? "";
				return () => api(last);
			},
		],
		[
			// Made elsewhere: a person written here is read from what the write stored.
			"GET /people/{uuid}",
			200,
			async () => {
				const { uuid } = await insertedElsewhere();
				return () => api(`/people/${uuid}`);
			},
		],
		["GET /people/{uuid} absent", 404, plain(() => api(`/people/${absent}`))],
		["POST /people", 201, plain(() => sendJson("POST", "/people", samplePerson()))],
		[
			"POST /people with a taken uuid",
			409,
			withExisting((uuid) => sendJson("POST", "/people", samplePerson({ uuid }))),
		],
		["PUT /people/{uuid}", 200, withExisting((uuid) => sendJson("PUT", `/people/${uuid}`, samplePerson()))],
		["PUT /people/{uuid} absent", 404, plain(() => sendJson("PUT", `/people/${absent}`, samplePerson()))],
		["PATCH /people/{uuid}", 200, withExisting((uuid) => sendJson("PATCH", `/people/${uuid}`, { age: 3 }))],
		["PATCH /people/{uuid} absent", 404, plain(() => sendJson("PATCH", `/people/${absent}`, { age: 3 }))],
		["DELETE /people/{uuid}", 204, withExisting((uuid) => api(`/people/${uuid}`, { method: "DELETE" }))],
		["DELETE /people/{uuid} absent", 404, plain(() => api(`/people/${absent}`, { method: "DELETE" }))],
	];

	it.each(cases)("%s answers %i in exactly one round trip", async (_, status, prepare) => {
		const request = await prepare();
		expect(await countRoundTrips(request)).toEqual({ status, roundTrips: 1 });
	});

	it("rejects invalid input without touching the database", async () => {
		expect(await countRoundTrips(() => sendJson("POST", "/people", { name: 7 }))).toEqual({
			status: 400,
			roundTrips: 0,
		});
		expect(await countRoundTrips(() => api("/people/not-a-uuid"))).toEqual({ status: 400, roundTrips: 0 });
	});
});
