import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { migrateDatabase } from "../../src/tools/migrate";

describe("migrateDatabase", () => {
	it("is a no-op on an up-to-date database", async () => {
		const url = inject("databaseUrl");
		const client = new pg.Client(url);
		await client.connect();
		const count = async () =>
			Number((await client.query("SELECT count(*) FROM drizzle.__drizzle_migrations")).rows[0].count);
		const before = await count();
		await migrateDatabase(url);
		expect(await count()).toBe(before);
		expect(before).toBeGreaterThan(0);
		await client.end();
	});

	it("fails with the reason when the database is unreachable", async () => {
		await expect(migrateDatabase("postgres://postgres@127.0.0.1:1/none")).rejects.toThrow(/ECONNREFUSED/);
	});
});
