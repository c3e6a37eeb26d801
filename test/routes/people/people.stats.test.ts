import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Person } from "../../../src/db/person.schemas";
import { createDb } from "../../../src/lib/db";
import { type Stats, survivalStats } from "../../../src/routes/people/people.stats";
import { api, roundTrips, sendJson, sql } from "../../support/api";
import { samplePerson } from "../../support/sample-person";

async function stats(query: string) {
	const before = await roundTrips();
	const response = await api(`/people/stats?${query}`, { headers: { "Cache-Control": "no-cache" } });
	return { response, body: (await response.json()) as Stats, roundTrips: (await roundTrips()) - before };
}

/** Every person matching a list query, from the JSON list: the figures' independent source. */
async function everyone(query: string): Promise<Person[]> {
	const people = (await (await api(`/people?${query}&limit=1000`)).json()) as Person[];
	expect(people.length).toBeLessThan(1000);
	return people;
}

function tally(people: Person[]) {
	const survived = people.filter((p) => p.survived).length;
	return { count: people.length, survived };
}

describe("GET /people/stats", () => {
	it("counts survivors in total and per group, as the list itself adds up, in one round trip", async () => {
		const women = await everyone("sex=female");
		const { body, roundTrips: trips } = await stats("sex=female&groupBy=passengerClass");
		expect(trips).toBe(1);
		expect(body.total).toMatchObject(tally(women));
		expect(body.total.survivalRate).toBeCloseTo(tally(women).survived / women.length, 3);
		const byClass = [1, 2, 3]
			.map((passengerClass) => ({
				passengerClass,
				...tally(women.filter((p) => p.passengerClass === passengerClass)),
			}))
			.filter((group) => group.count > 0);
		expect(body.groups.map(({ survivalRate: _, ...group }) => group)).toEqual(byClass);
	});

	it("groups ages by decade, together with sex", async () => {
		const people = await everyone("passengerClass=1");
		const { body } = await stats("passengerClass=1&groupBy=ageBand,sex");
		for (const group of body.groups) {
			const members = people.filter(
				(p) => Math.floor(p.age / 10) * 10 === group.ageBand && p.sex === group.sex,
			);
			expect(group).toMatchObject(tally(members));
		}
		expect(body.groups.reduce((sum, group) => sum + group.count, 0)).toBe(people.length);
	});

	it("answers a filter that matches nobody with zeros, and a bad groupBy with a 400", async () => {
		const { body } = await stats("q=nobody-is-called-this&groupBy=sex");
		expect(body).toEqual({ total: { count: 0, survived: 0, survivalRate: 0 }, groups: [] });
		const bad = await stats("groupBy=sex,height");
		expect(bad.response.status).toBe(400);
		expect(JSON.stringify(bad.body)).toMatch(/groupBy.*one of passengerClass, sex, ageBand/);
		expect(bad.roundTrips).toBe(0);
	});

	it("shows a new person at once where it was written (the read cache's generation)", async () => {
		const name = `Stats ${crypto.randomUUID()}`;
		const read = () =>
			api(`/people/stats?q=${encodeURIComponent(name)}`).then((r) => r.json() as Promise<Stats>);
		expect((await read()).total.count).toBe(0);
		await sendJson("POST", "/people", samplePerson({ name, survived: true }));
		expect((await read()).total).toEqual({ count: 1, survived: 1, survivalRate: 1 });
	});

	it("counts from tallies that every kind of write keeps in step with the people", async () => {
		const created = (await (
			await sendJson("POST", "/people", samplePerson({ age: 4, sex: "female", survived: true }))
		).json()) as Person;
		// Into another age band, sex and survival; then replaced whole; then a second one deleted.
		await sendJson("PATCH", `/people/${created.uuid}`, { age: 71.5, sex: "other", survived: false });
		await sendJson("PUT", `/people/${created.uuid}`, samplePerson({ age: 33, passengerClass: 3 }));
		const doomed = (await (await sendJson("POST", "/people", samplePerson({ age: 15 }))).json()) as Person;
		expect((await api(`/people/${doomed.uuid}`, { method: "DELETE" })).status).toBe(204);
		// One statement, one snapshot: the tallies against the people counted afresh.
		const [row] = await sql(`select
			(select coalesce(json_agg(t order by t::text), '[]')::text from (select survived, passenger_class, sex,
				age, people from passenger_age_tallies) t) as tallies,
			(select coalesce(json_agg(t order by t::text), '[]')::text from (select survived, passenger_class, sex,
				age, count(*)::int as people from passengers group by 1, 2, 3, 4) t) as counted,
			(select coalesce(json_agg(t order by t::text), '[]')::text from (select survived, passenger_class, sex,
				age_band, people from passenger_tallies) t) as bands,
			(select coalesce(json_agg(t order by t::text), '[]')::text from (select survived, passenger_class, sex,
				(floor(age / 10) * 10)::int as age_band, count(*)::int as people from passengers group by 1, 2, 3, 4) t) as banded`);
		expect(row?.tallies).toBe(row?.counted);
		// The decades' tallies, which the release before migration 0007 reads, are kept too.
		expect(row?.bands).toBe(row?.banded);
	});

	it("counts at most so many matches of a name search, says when a search matches more, and never limits the tallies", async () => {
		const db = createDb(env, { reads: true });
		// The list's Misses: no other test writes a name with this in it.
		const query = { q: "Miss.", survived: undefined, passengerClass: undefined, groupBy: ["sex" as const] };
		const { stats: misses } = await survivalStats(db, query, 1_000);
		expect(misses?.total.count).toBeGreaterThan(100);
		const { stats: tooMany } = await survivalStats(db, query, (misses?.total.count ?? 0) - 1);
		expect(tooMany).toBeUndefined();
		const { stats: exactly } = await survivalStats(db, query, misses?.total.count ?? 0);
		expect(exactly).toEqual(misses);
		// Without a search the tallies answer for any number of people.
		const { stats: everyone } = await survivalStats(db, { ...query, q: undefined }, 1);
		expect(everyone?.total.count).toBeGreaterThan(1);
	});
});
