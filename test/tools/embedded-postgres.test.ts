import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { NEW_CLUSTER, startEmbeddedPostgres } from "../../src/tools/embedded-postgres";

const scratch = mkdtempSync(join(tmpdir(), "titanic-embedded-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function query<T>(url: string, sql: string): Promise<T[]> {
	const client = new pg.Client(url);
	await client.connect();
	try {
		return (await client.query(sql)).rows;
	} finally {
		await client.end();
	}
}

describe("the embedded PostgreSQL", () => {
	it("starts new clusters from initdb's kept result: whole clusters, with the extensions the migrations create", async () => {
		const database = await startEmbeddedPostgres();
		try {
			expect(statSync(NEW_CLUSTER).size).toBeGreaterThan(1_000_000);
			await query(database.url, "CREATE EXTENSION pg_trgm");
			const [row] = await query<{ similar: boolean }>(
				database.url,
				"SELECT 'titanic' % 'titanik' AS similar",
			);
			expect(row?.similar).toBe(true);
			const names = await query<{ datname: string }>(database.url, "SELECT datname FROM pg_database");
			expect(names.map((name) => name.datname).sort()).toEqual(["postgres", "template0", "template1"]);
		} finally {
			await database.stop();
		}
	}, 60_000);

	it("keeps a data folder's cluster: a second start opens what the first wrote", async () => {
		const dataDir = join(scratch, "pglite");
		const first = await startEmbeddedPostgres({ dataDir });
		await query(first.url, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)");
		await first.stop();
		expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(true);
		const second = await startEmbeddedPostgres({ dataDir });
		try {
			expect(await query(second.url, "SELECT n FROM kept")).toEqual([{ n: 42 }]);
		} finally {
			await second.stop();
		}
	}, 60_000);
});
