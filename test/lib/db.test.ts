import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { passengers } from "../../src/db/schema";
import { sqlStateOf } from "../../src/lib/database-errors";
import { createDb } from "../../src/lib/db";
import { samplePerson } from "../support/sample-person";

describe("the worker's database client, inside workerd", () => {
	it("keeps each client's endpoint its own: a client made later for another environment changes nothing", async () => {
		const good = createDb(env);
		const broken = createDb({ ...env, NEON_HTTP_ENDPOINT: "http://127.0.0.1:1/sql" });
		const [fine, failed] = await Promise.allSettled([
			good.execute(sql`SELECT 1`),
			broken.execute(sql`SELECT 1`),
		]);
		expect(fine.status).toBe("fulfilled");
		expect(failed.status).toBe("rejected");
		expect((await good.execute(sql`SELECT 2 AS two`)).rows).toEqual([{ two: 2 }]);
	});

	it("round-trips typed values through the real Neon driver", async () => {
		const db = createDb(env);
		const uuid = crypto.randomUUID();
		const [row] = await db
			.execute<Record<string, unknown>>(
				sql`SELECT ${7}::int4 AS i, ${false}::bool AS b, ${512.3292}::float8 AS f, ${uuid}::uuid AS u,
				${"Ünïcødé ✓"}::text AS t, ${null}::text AS n`,
			)
			.then((result) => result.rows);
		expect(row).toEqual({ i: 7, b: false, f: 512.3292, u: uuid, t: "Ünïcødé ✓", n: null });
	});

	it("returns passenger columns as JS numbers and booleans", async () => {
		const db = createDb(env);
		const person = samplePerson({ age: 0.67, fare: 16, survived: true });
		const [inserted] = await db.insert(passengers).values(person).returning();
		expect(inserted).toMatchObject({ ...person, uuid: expect.any(String) });
		expect(typeof inserted?.age).toBe("number");
		expect(typeof inserted?.fare).toBe("number");
	});

	it("surfaces a unique violation as SQLSTATE 23505", async () => {
		const db = createDb(env);
		const person = samplePerson({ uuid: crypto.randomUUID() });
		await db.insert(passengers).values(person);
		const error = await db
			.insert(passengers)
			.values(person)
			.catch((e: unknown) => e);
		expect(sqlStateOf(error)).toBe("23505");
	});

	it("rolls a failing batch back completely", async () => {
		const db = createDb(env);
		const good = samplePerson();
		const error = await db
			.batch([db.insert(passengers).values(good), db.insert(passengers).values(samplePerson({ age: -1 }))])
			.catch((e: unknown) => e);
		expect(sqlStateOf(error)).toBe("23514");
		expect(await db.select().from(passengers).where(eq(passengers.name, good.name))).toEqual([]);
	});
});
