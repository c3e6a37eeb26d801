import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXACT_COUNT_LIMIT } from "../../../src/routes/people/people.count";
import { api, sql } from "../../support/api";
import { countWhere } from "../../support/list";

async function total(query: string, prefer?: string) {
	const response = await api(`/people${query}`, { headers: prefer ? { Prefer: prefer } : {} });
	await response.arrayBuffer();
	return {
		count: Number(response.headers.get("X-Total-Count")),
		mode: response.headers.get("X-Total-Count-Mode"),
		applied: response.headers.get("Preference-Applied"),
	};
}

describe("X-Total-Count says how it was counted", () => {
	it("is exact by default while few people match", async () => {
		expect(await total("?sex=female&passengerClass=1")).toEqual({
			count: await countWhere("sex = 'female' AND passenger_class = 1"),
			mode: "exact",
			applied: null,
		});
	});

	it("is the planner's estimate on Prefer: count=planned", async () => {
		const planned = await total("?sex=female", "count=planned");
		expect(planned).toMatchObject({ mode: "planned", applied: "count=planned" });
		expect(planned.count).toBeGreaterThan(0);
	});

	it("honours count=exact and count=estimated, and ignores other preferences", async () => {
		const exact = await countWhere("survived");
		expect(await total("?survived=true", "return=minimal, count=exact")).toEqual({
			count: exact,
			mode: "exact",
			applied: "count=exact",
		});
		expect(await total("?survived=true", "count=estimated")).toEqual({
			count: exact,
			mode: "exact",
			applied: "count=estimated",
		});
		expect(await total("?survived=true", "count=everything")).toEqual({
			count: exact,
			mode: "exact",
			applied: null,
		});
	});

	describe(`above ${EXACT_COUNT_LIMIT} matches`, () => {
		const name = "Count Test Passenger";
		beforeAll(async () => {
			await sql(
				`INSERT INTO passengers (passenger_class, name, sex, age, siblings_or_spouses_aboard, parents_or_children_aboard, fare)
				 SELECT 1, $1 || ' ' || i, 'other', 40, 0, 0, 10 FROM generate_series(1, $2::int) i`,
				[name, EXACT_COUNT_LIMIT + 100],
			);
		});
		afterAll(async () => {
			await sql("DELETE FROM passengers WHERE name LIKE $1 || '%'", [name]);
		});

		it("is an estimate by default, and says so", async () => {
			const estimated = await total("?sex=other");
			expect(estimated.mode).toBe("planned");
			expect(estimated.count).toBeGreaterThan(EXACT_COUNT_LIMIT);
		});

		it("is exact when the client asks for it", async () => {
			expect(await total("?sex=other", "count=exact")).toEqual({
				count: await countWhere("sex = 'other'"),
				mode: "exact",
				applied: "count=exact",
			});
		});
	});
});
