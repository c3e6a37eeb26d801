import { describe, expect, it } from "vitest";
import type { Person } from "../../../src/db/person.schemas";
import { api } from "../../support/api";
import { countWhere, list, walk } from "../../support/list";

/** A filtered list's total and people, beside the database's own count of the condition. */
async function matches(query: string, condition: string) {
	const { response, people } = await list(`?${query}&limit=1000`, { Prefer: "count=exact" });
	expect(response.status, query).toBe(200);
	return {
		total: Number(response.headers.get("X-Total-Count")),
		people,
		counted: await countWhere(condition),
	};
}

describe("range and set filters (PostgREST's syntax)", () => {
	it.each([
		["age=gte.18", "age >= 18", (p: Person) => p.age >= 18],
		["age=gt.18", "age > 18", (p: Person) => p.age > 18],
		["age=lt.18", "age < 18", (p: Person) => p.age < 18],
		["age=lte.18", "age <= 18", (p: Person) => p.age <= 18],
		["age=eq.18", "age = 18", (p: Person) => p.age === 18],
		["fare=gt.100", "fare > 100", (p: Person) => p.fare > 100],
		["passengerClass=in.(1,2)", "passenger_class in (1, 2)", (p: Person) => p.passengerClass < 3],
		["passengerClass=lte.2", "passenger_class <= 2", (p: Person) => p.passengerClass < 3],
		["sex=in.(female,other)", "sex <> 'male'", (p: Person) => p.sex !== "male"],
		["survived=eq.true", "survived", (p: Person) => p.survived],
		[
			"siblingsOrSpousesAboard=gte.2",
			"siblings_or_spouses_aboard >= 2",
			(p: Person) => p.siblingsOrSpousesAboard >= 2,
		],
		[
			"parentsOrChildrenAboard=in.(1,2)",
			"parents_or_children_aboard in (1, 2)",
			(p: Person) => [1, 2].includes(p.parentsOrChildrenAboard),
		],
	])("%s alone matches what Postgres counts, and only such people", async (query, condition, holds) => {
		const { total, people, counted } = await matches(query, condition);
		expect(counted).toBeGreaterThan(0);
		expect(total).toBe(counted);
		expect(people.length).toBe(Math.min(counted, 1000));
		expect(people.every(holds)).toBe(true);
	});

	it("combines every kind, each condition holding at once", async () => {
		const query = "age=gte.18&age=lt.30&passengerClass=in.(1,2)&sex=female&fare=gt.20&survived=true";
		const condition =
			"age >= 18 and age < 30 and passenger_class in (1, 2) and sex = 'female' and fare > 20 and survived";
		const { total, counted } = await matches(query, condition);
		expect(counted).toBeGreaterThan(5);
		expect(total).toBe(counted);
	});

	it("reads 18 and 18.0 alike, keeps fractional ages, and tells gt from gte at the boundary", async () => {
		const whole = await matches("age=gte.18", "age >= 18");
		const decimal = await matches("age=gte.18.0", "age >= 18");
		expect(decimal.people).toEqual(whole.people);
		const infants = await matches("age=lt.1", "age < 1");
		expect(infants.people.length).toBeGreaterThan(0);
		expect(infants.people.every((p) => p.age > 0 && p.age < 1)).toBe(true);
		const above = await matches("age=gt.18", "age > 18");
		expect(whole.total - above.total).toBe(await countWhere("age = 18"));
		const fraction = await matches("age=gt.0.5&age=lte.0.92", "age > 0.5 and age <= 0.92");
		expect(fraction.total).toBe(fraction.counted);
	});

	it("reads several bare values as a set, like in.(…), and every value of a field as no filter", async () => {
		const bare = await list("?passengerClass=1&passengerClass=2&limit=1000");
		const set = await list("?passengerClass=in.(1,2)&limit=1000");
		expect(bare.people).toEqual(set.people);
		const every = await list("?passengerClass=in.(1,2,3)&limit=5");
		const none = await list("?limit=5");
		expect(every.people).toEqual(none.people);
		// An HTML form's "any" sends an empty value: it is no condition.
		expect((await list("?age=&limit=5")).people).toEqual(none.people);
	});

	it.each([
		["age=between.1", "the operator is one of eq, gt, gte, lt, lte, in"],
		["age=gte.abc", "abc is not a number"],
		["age=1e2", "1e2 is not a number"],
		["age=gte.-1", "-1 is not a number"],
		["fare=lt.1234567890", "1234567890 is not a number"],
		["age=in.()", "the list names no value"],
		["age=in.1,2", "in takes a list in parentheses"],
		["age=gte.30&age=lt.18", "no value lies in this range"],
		["age=gt.18&age=lt.18", "no value lies in this range"],
		["age=18&age=gt.20", "no value satisfies all of these"],
		["siblingsOrSpousesAboard=gt.1&siblingsOrSpousesAboard=lt.2", "no value lies in this range"],
		["passengerClass=gte.4", "no value satisfies all of these"],
		["passengerClass=4", "4 is not 1, 2 or 3"],
		["passengerClass=1.5", "1.5 is not 1, 2 or 3"],
		["sex=gt.male", "the operator is one of eq, in"],
		["sex=in.(female,bogus)", "bogus is not one of male, female, other"],
		["survived=yes", "yes is not one of true, false"],
	])("answers %s with a 400 that names the parameter and says why", async (query, message) => {
		const response = await api(`/people?${query}`);
		expect(response.status).toBe(400);
		const body = (await response.json()) as { errors: { path: string; message: string }[] };
		const field = query.split("=")[0];
		expect(body.errors).toEqual([{ path: field, message: expect.stringContaining(message) }]);
	});

	it("walks every matching row once by cursor, in both directions, with the filters in every link", async () => {
		const filters = "age=gte.18&age=lt.30&passengerClass=in.(1,2)";
		const condition = "age >= 18 and age < 30 and passenger_class in (1, 2)";
		const first = await list(`?${filters}&sort=-fare&limit=7`);
		for (const link of Object.values(first.links)) {
			const params = new URL(link, "http://api.test").searchParams;
			expect([params.getAll("age"), params.getAll("passengerClass")]).toEqual([
				["gte.18", "lt.30"],
				["in.(1,2)"],
			]);
		}
		const forward = (await walk(first.links.next ?? "", "next")).flat();
		const seen = [...first.people, ...forward].map((p) => p.uuid);
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen.length).toBe(await countWhere(condition));
		const backward = (await walk(first.links.last ?? "", "prev")).reverse().flat();
		expect(backward.map((p) => p.uuid)).toEqual(seen);
	});

	it("filters the CSV export and the statistics alike", async () => {
		const condition = "fare > 100 and passenger_class in (1, 2)";
		const csv = await api("/people?fare=gt.100&passengerClass=in.(1,2)", { headers: { Accept: "text/csv" } });
		const lines = (await csv.text()).trimEnd().split("\r\n");
		expect(lines.length - 1).toBe(await countWhere(condition));
		const stats = await api("/people/stats?fare=gt.100&passengerClass=in.(1,2)&groupBy=sex");
		const { total } = (await stats.json()) as { total: { count: number; survived: number } };
		expect(total.count).toBe(await countWhere(condition));
		expect(total.survived).toBe(await countWhere(`${condition} and survived`));
		// From the tallies: sets of the fields they keep.
		const tallied = await api("/people/stats?passengerClass=in.(1,2)&sex=in.(female,other)");
		const fromTallies = ((await tallied.json()) as { total: { count: number } }).total.count;
		expect(fromTallies).toBe(await countWhere("passenger_class in (1, 2) and sex <> 'male'"));
	});
});
