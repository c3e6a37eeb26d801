import { afterAll, describe, expect, it } from "vitest";
import { CSV_HEADER } from "../../../src/db/passenger-rows";
import type { Person } from "../../../src/db/person.schemas";
import { MAX_BULK_PEOPLE } from "../../../src/routes/people/people.create";
import { api, roundTrips, sendJson, sql } from "../../support/api";
import { countWhere, list } from "../../support/list";
import { samplePerson } from "../../support/sample-person";

/** `n` people whose names start with one prefix, so a test counts exactly its own. */
function batch(n: number) {
	const prefix = `Bulk ${crypto.randomUUID().slice(0, 8)}`;
	const people = Array.from({ length: n }, (_, i) => samplePerson({ name: `${prefix} ${i}` }));
	return { prefix, people, stored: () => countWhere("name like $1", [`${prefix} %`]) };
}

const postCsv = (csv: string) =>
	api("/people", { method: "POST", body: csv, headers: { "Content-Type": "text/csv; charset=utf-8" } });

describe("POST /people with many people", () => {
	// Other files read the whole table as one page of at most 1,000 with an exact count: the
	// thousands made here go again.
	afterAll(() => sql("delete from passengers where name like 'Bulk %'"));

	it(`creates ${MAX_BULK_PEOPLE} people in one round trip, answering them in their order, listed in it`, async () => {
		const { people, stored } = batch(MAX_BULK_PEOPLE);
		const before = await roundTrips();
		const response = await sendJson("POST", "/people", people);
		expect(await roundTrips()).toBe(before + 1);
		expect(response.status).toBe(201);
		expect(response.headers.get("Location")).toBeNull();
		const created = (await response.json()) as Person[];
		expect(created.map((p) => p.name)).toEqual(people.map((p) => p.name));
		expect(await stored()).toBe(MAX_BULK_PEOPLE);
		const last = await list(
			`?limit=3&sort=-name&q=${encodeURIComponent(people[0]?.name.slice(0, 13) ?? "")}`,
		);
		expect(last.people.map((p) => p.uuid)).toContain(created.at(-1)?.uuid);
	});

	it("writes nothing when any item is bad, and names each bad item by its index", async () => {
		const { people, stored } = batch(5);
		const mixed = people.map((p, i) => (i === 1 ? { ...p, age: -1 } : i === 3 ? { ...p, sex: "x" } : p));
		const response = await sendJson("POST", "/people", mixed);
		expect(response.status).toBe(400);
		const { errors } = (await response.json()) as { errors: { path: string }[] };
		expect(errors.map((e) => e.path)).toEqual(["1.age", "3.sex"]);
		expect(await stored()).toBe(0);
	});

	it(`refuses more than ${MAX_BULK_PEOPLE} people, and an empty list`, async () => {
		for (const n of [MAX_BULK_PEOPLE + 1, 0]) {
			const response = await sendJson("POST", "/people", batch(n).people);
			expect(response.status).toBe(400);
			expect(((await response.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("(body)");
		}
	});

	it("honours chosen uuids, and answers a taken one (in the table or twice in the body) with a 409 naming it", async () => {
		const { people, stored } = batch(3);
		const chosen = people.map((p) => ({ ...p, uuid: crypto.randomUUID() }));
		const created = (await (await sendJson("POST", "/people", chosen.slice(0, 1))).json()) as Person[];
		expect(created[0]?.uuid).toBe(chosen[0]?.uuid);
		const taken = await sendJson("POST", "/people", chosen);
		expect(taken.status).toBe(409);
		expect(((await taken.json()) as { detail: string }).detail).toContain(chosen[0]?.uuid);
		const twice = await sendJson("POST", "/people", [chosen[1], chosen[2], { ...chosen[2], name: "Other" }]);
		expect(twice.status).toBe(409);
		expect(((await twice.json()) as { detail: string }).detail).toContain(chosen[2]?.uuid);
		expect(await stored()).toBe(1);
	});

	it("takes a text/csv body in the loader's format, and names a bad row by its line", async () => {
		const { people, stored } = batch(3);
		const row = (p: (typeof people)[number]) =>
			[p.survived ? 1 : 0, p.passengerClass, `"${p.name}"`, p.sex, p.age, 1, 2, p.fare].join(",");
		const csv = [CSV_HEADER.join(","), ...people.map(row)].join("\r\n");
		const bad = csv.replace(/,0\.42,1,2,13\.5$/, ",old,1,2,13.5");
		const refused = await postCsv(bad);
		expect(refused.status).toBe(400);
		expect(((await refused.json()) as { errors: unknown }).errors).toEqual([
			{ path: "line 4", message: expect.stringContaining("Age: must be a number") },
		]);
		expect(await stored()).toBe(0);
		const response = await postCsv(`\uFEFF${csv}\n`);
		expect(response.status).toBe(201);
		expect(((await response.json()) as Person[]).map((p) => p.name)).toEqual(people.map((p) => p.name));
		expect(await stored()).toBe(3);
	});

	it("refuses a CSV body it cannot read: a bad header, an open quote, no rows, bytes that are not UTF-8", async () => {
		const header = CSV_HEADER.join(",");
		const cases: [BodyInit, string][] = [
			["Name,Age\nx,1", "missing column(s)"],
			[`${header}\n0,3,"Open,male,22,1,0,7.25`, "the quote opened on line 2 is never closed"],
			[`${header}\r\n`, "a header but no rows"],
			[new Uint8Array([0xff, 0xfe, 0x41]), "not UTF-8"],
		];
		for (const [body, detail] of cases) {
			const response = await postCsv(body as string);
			expect(response.status).toBe(400);
			expect(((await response.json()) as { detail: string }).detail).toContain(detail);
		}
	});

	it("keeps the list's insertion order for a bulk create's people", async () => {
		const { people } = batch(4);
		const created = (await (await sendJson("POST", "/people", people)).json()) as Person[];
		const [ids] = [
			await sql("select uuid from passengers where uuid = any($1) order by id", [created.map((p) => p.uuid)]),
		];
		expect(ids.map((r) => r.uuid)).toEqual(created.map((p) => p.uuid));
	});
});
