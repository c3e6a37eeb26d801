import { describe, expect, it } from "vitest";
import type { Person } from "../../../src/db/person.schemas";
import { personFieldNames } from "../../../src/db/person.schemas";
import { api, sql } from "../../support/api";
import { countWhere, links, list } from "../../support/list";

describe("GET /people", () => {
	it("returns every passenger as one page, in insertion order, first Mr. Owen Harris Braund", async () => {
		const { response, people } = await list("");
		expect(response.status).toBe(200);
		expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
		expect(people[0]).toMatchObject({ name: "Mr. Owen Harris Braund", survived: false, age: 22, fare: 7.25 });
		const ordered = await sql("SELECT uuid FROM passengers ORDER BY id LIMIT 1000");
		expect(people.map((p) => p.uuid)).toEqual(ordered.map((r) => r.uuid));
		expect(response.headers.get("X-Total-Count")).toBe(String(await countWhere()));
	});

	it("pages with limit and offset over the filtered list", async () => {
		const { response, people } = await list("?limit=10&offset=20&sex=male");
		expect(people).toHaveLength(10);
		expect(response.headers.get("X-Total-Count")).toBe(String(await countWhere("sex = 'male'")));
		const whole = await list("?sex=male");
		expect(people).toEqual(whole.people.slice(20, 30));
	});

	it("omits prev on the first page and next on the last", async () => {
		const first = links((await list("?limit=5")).response);
		expect(first.prev).toBeUndefined();
		const lastPage = links((await list(first.last?.replace("/people", "") ?? "")).response);
		expect(lastPage.next).toBeUndefined();
		expect(lastPage.prev).toBeDefined();
	});

	it("links relative to the API, with the known parameters only", async () => {
		const junk = "x".repeat(6_000);
		const { response } = await list(`?limit=5&sex=female&junk=${junk}`);
		const header = response.headers.get("Link") ?? "";
		expect(header).not.toContain(junk);
		expect(header.length).toBeLessThan(1_000);
		for (const url of Object.values(links(response))) expect(url).toMatch(/^\/people\?limit=5&sex=female/);
	});

	it("returns an empty page past the end, with the true total", async () => {
		const { response, people } = await list("?offset=100000");
		expect(people).toEqual([]);
		expect(response.headers.get("X-Total-Count")).toBe(String(await countWhere()));
	});

	it.each(personFieldNames)("sorts by %s both ways, ties in insertion order", async (field) => {
		const everyone = (await list("")).people;
		const position = new Map(everyone.map((p, i) => [p.uuid, i]));
		const compare = (a: Person, b: Person) => {
			const x = a[field];
			const y = b[field];
			return x < y ? -1 : x > y ? 1 : 0;
		};
		const byPosition = (a: Person, b: Person) => (position.get(a.uuid) ?? 0) - (position.get(b.uuid) ?? 0);
		if (field !== "name" && field !== "uuid") {
			expect((await list(`?sort=${field}`)).people).toEqual(
				[...everyone].sort((a, b) => compare(a, b) || byPosition(a, b)),
			);
			expect((await list(`?sort=-${field}`)).people).toEqual(
				[...everyone].sort((a, b) => compare(b, a) || byPosition(a, b)),
			);
		} else {
			// Text order is the database collation's; check it against the database itself.
			const column = field === "name" ? "name" : "uuid";
			const expected = await sql(`SELECT uuid FROM passengers ORDER BY ${column} DESC, id LIMIT 1000`);
			expect((await list(`?sort=-${field}`)).people.map((p) => p.uuid)).toEqual(expected.map((r) => r.uuid));
		}
	});

	it("filters by survived, passengerClass and sex together", async () => {
		const { response, people } = await list("?survived=true&passengerClass=1&sex=female");
		const expected = await countWhere("survived AND passenger_class = 1 AND sex = 'female'");
		expect(people).toHaveLength(expected);
		expect(response.headers.get("X-Total-Count")).toBe(String(expected));
		for (const p of people) expect(p).toMatchObject({ survived: true, passengerClass: 1, sex: "female" });
	});

	it("searches names case-insensitively, with % and _ taken literally", async () => {
		const { people } = await list("?q=BRAUND");
		expect(people.length).toBe(await countWhere("name ILIKE '%braund%'"));
		expect(people.map((p) => p.name)).toContain("Mr. Owen Harris Braund");
		expect((await list("?q=%25")).people).toEqual([]);
		expect((await list("?q=_")).people).toEqual([]);
	});

	it("treats an empty value as absent, as an HTML form sends it", async () => {
		const { people } = await list("?survived=&passengerClass=&sex=&q=&sort=");
		expect(people).toEqual((await list("")).people);
	});

	it.each([
		["limit=0", "limit"],
		["limit=1001", "limit"],
		["limit=1e2", "limit"],
		["limit=-1", "limit"],
		["offset=-5", "offset"],
		["offset=abc", "offset"],
		["sort=height", "sort"],
		["sort=--age", "sort"],
		["survived=1", "survived"],
		["survived=yes", "survived"],
		["passengerClass=4", "passengerClass"],
		["sex=unknown", "sex"],
		[`q=${"x".repeat(101)}`, "q"],
		["q=a%00b", "q"],
	])("rejects %s with a 400 problem naming %s", async (query, field) => {
		const response = await api(`/people?${query}`);
		expect(response.status).toBe(400);
		expect(response.headers.get("Content-Type")).toBe("application/problem+json");
		const body = (await response.json()) as { errors: { path: string }[] };
		expect(body.errors.map((e) => e.path)).toEqual([field]);
	});
});
