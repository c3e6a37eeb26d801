import { toSnakeCase } from "drizzle-orm/casing";
import { describe, expect, it } from "vitest";
import type { Person } from "../../../src/db/person.schemas";
import { encodeCursor } from "../../../src/lib/cursor";
import { SORT_KEYS } from "../../../src/routes/people/people.order";
import { api, ORIGIN, sendJson, sql } from "../../support/api";
import { list, walk } from "../../support/list";
import { samplePerson } from "../../support/sample-person";

/** The order a sort must give, computed by the database itself: the field, then insertion order. */
async function expectedOrder(sort: string | undefined, where = "true"): Promise<string[]> {
	const field = sort?.replace(/^-/, "");
	const order = field
		? `${toSnakeCase(field)} ${sort?.startsWith("-") ? "DESC" : "ASC"}${field === "uuid" ? "" : ", id"}`
		: "id";
	const rows = await sql(`SELECT uuid FROM passengers WHERE ${where} ORDER BY ${order}`);
	return rows.map((r) => r.uuid as string);
}

const uuids = (pages: Person[][]) => pages.flat().map((p) => p.uuid);

describe("keyset pages (Link cursors)", () => {
	// Read-only walks: side by side, as clients would page (vitest's maxConcurrency at a time).
	it.concurrent.for([undefined, ...SORT_KEYS])(
		"walk every row exactly once by sort=%s, forwards and backwards",
		async (sort, { expect }) => {
			const query = `?limit=97${sort ? `&sort=${sort}` : ""}`;
			const expected = await expectedOrder(sort);
			const forwards = await walk(query, "next");
			expect(uuids(forwards)).toEqual(expected);
			expect(forwards.slice(0, -1).every((page) => page.length === 97)).toBe(true);
			const { links } = await list(query);
			const backwards = await walk(links.last as string, "prev");
			expect(uuids(backwards.reverse())).toEqual(expected);
		},
	);

	it("walks a filtered search with ties and fractional ages", async () => {
		const query = "?limit=7&sort=-age&sex=male&passengerClass=3";
		const expected = await expectedOrder("-age", "sex = 'male' AND passenger_class = 3");
		expect(uuids(await walk(query, "next"))).toEqual(expected);
		const ages = (await sql("SELECT age FROM passengers WHERE sex = 'male' AND passenger_class = 3")).map(
			(r) => r.age as number,
		);
		expect(ages.some((age) => !Number.isInteger(age))).toBe(true);
		expect(new Set(ages).size).toBeLessThan(ages.length);
	});

	it("neither skips nor repeats an existing row when others are written between pages", async () => {
		const expected = await expectedOrder("age");
		const first = await list("?limit=100&sort=age");
		// Writes on both sides of the cursor, and deletes of rows still to come.
		const youngest = (await sql("SELECT min(age) AS age FROM passengers"))[0]?.age as number;
		for (const age of [youngest, 30, 30, 80]) await sendJson("POST", "/people", samplePerson({ age }));
		const doomed = expected.slice(300, 302);
		for (const uuid of doomed) await api(`/people/${uuid}`, { method: "DELETE" });
		const rest = await walk(first.links.next as string, "next");
		const seen = [...first.people.map((p) => p.uuid), ...uuids(rest)];
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen.filter((uuid) => expected.includes(uuid))).toEqual(
			expected.filter((uuid) => !doomed.includes(uuid)),
		);
	});

	it("keeps filters, sort and limit in every link, and drops unknown parameters", async () => {
		const { links } = await list("?limit=5&sort=-fare&sex=female&utm_source=mail");
		expect(Object.keys(links).sort()).toEqual(["first", "last", "next"]);
		for (const url of Object.values(links)) {
			const params = new URL(url, ORIGIN).searchParams;
			expect([params.get("limit"), params.get("sort"), params.get("sex")]).toEqual(["5", "-fare", "female"]);
			expect(params.has("utm_source")).toBe(false);
			expect(params.has("offset")).toBe(false);
		}
		expect(new URL(links.first as string, ORIGIN).searchParams.has("cursor")).toBe(false);
	});

	it("gives an offset page cursor links on both sides", async () => {
		const { links, people } = await list("?limit=10&offset=20");
		const expected = await expectedOrder(undefined);
		expect(people.map((p) => p.uuid)).toEqual(expected.slice(20, 30));
		expect((await list(links.next as string)).people.map((p) => p.uuid)).toEqual(expected.slice(30, 40));
		expect((await list(links.prev as string)).people.map((p) => p.uuid)).toEqual(expected.slice(10, 20));
	});

	it("past the end, is an empty page whose prev is the last page", async () => {
		const { people, links } = await list("?offset=100000");
		expect(people).toEqual([]);
		expect(links.next).toBeUndefined();
		expect(links.prev).toBe(links.last);
	});
});

describe("cursors that are not of this list are 400 problems", () => {
	const cursorProblem = async (query: string) => {
		const response = await api(`/people?${query}`);
		const body = (await response.json()) as { errors?: { path: string; message: string }[] };
		return { status: response.status, type: response.headers.get("Content-Type"), errors: body.errors };
	};
	const expectRejected = async (query: string, message: RegExp) => {
		const problem = await cursorProblem(query);
		expect(problem).toMatchObject({ status: 400, type: "application/problem+json" });
		expect(problem.errors).toEqual([{ path: "cursor", message: expect.stringMatching(message) }]);
	};

	it("an edited cursor", async () => {
		const next = new URL((await list("?limit=3&sort=age")).links.next as string, ORIGIN);
		const cursor = next.searchParams.get("cursor") as string;
		const edited = cursor.slice(0, 10) + (cursor[10] === "A" ? "B" : "A") + cursor.slice(11);
		await expectRejected(`sort=age&cursor=${edited}`, /not a cursor/);
		await expectRejected(`sort=age&cursor=${cursor.slice(0, -2)}`, /not a cursor/);
		await expectRejected("sort=age&cursor=not*base64", /not a cursor/);
	});

	it("a cursor made for another sort", async () => {
		const next = new URL((await list("?limit=3&sort=age")).links.next as string, ORIGIN);
		await expectRejected(`sort=-age&cursor=${next.searchParams.get("cursor")}`, /made for sort=age/);
		await expectRejected(`cursor=${next.searchParams.get("cursor")}`, /made for sort=age/);
	});

	it.each([
		["age", [-1, 5]],
		["passengerClass", [7, 5]],
		["sex", ["unknown", 5]],
		["age", [22, 0]],
		["age", [22]],
		["uuid", ["not-a-uuid"]],
		["", ["1"]],
	])("a position outside the list: sort=%s at %j", async (sort, at) => {
		const cursor = await encodeCursor({ sort, before: false, at });
		await expectRejected(`sort=${sort}&cursor=${cursor}`, /outside the list/);
	});

	it("a cursor with an offset", async () => {
		const cursor = await encodeCursor({ sort: "", before: false, at: [5] });
		await expectRejected(`offset=10&cursor=${cursor}`, /offset/);
	});
});
