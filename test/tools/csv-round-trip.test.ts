import { describe, expect, it } from "vitest";
import { withNeonClient } from "../../src/tools/lib/neon-driver";
import { freePort } from "../../src/tools/lib/ports";
import { loadPassengers } from "../../src/tools/load/load-passengers";
import { startLocalStack } from "../../src/tools/local-stack";
import { migrateDatabase } from "../../src/tools/migrate";
import { createScratchDatabase } from "../../src/tools/scratch-database";
import { csvFile } from "./load/support";

const FIELDS =
	"uuid, survived, passenger_class, name, sex, age, siblings_or_spouses_aboard, parents_or_children_aboard, fare";

async function rows(databaseUrl: string) {
	return withNeonClient(
		databaseUrl,
		async (client) => (await client.query(`SELECT ${FIELDS} FROM passengers ORDER BY id`)).rows,
	);
}

describe("the CSV export", () => {
	it("loads back unchanged with db:load, the same people by uuid: every row and value, quoted and formula-like names included", async () => {
		const stack = await startLocalStack({ port: await freePort(), seedCsv: "data/titanic.csv" });
		const target = await createScratchDatabase(process.env.TEST_DATABASE_URL, "titanic_round_trip");
		try {
			const names = [
				'Smith, Mr. "Jack"',
				"=HYPERLINK(1)",
				"'Apostrophe",
				"-Minus",
				"Zoë 漢字 🚢",
				"A;=B;'C;;",
				"x;-1",
			];
			for (const name of names) {
				const person = {
					passengerClass: 2,
					name,
					sex: "other",
					age: 0.42,
					siblingsOrSpousesAboard: 0,
					parentsOrChildrenAboard: 1,
					fare: 13.8625,
				};
				const created = await fetch(`${stack.apiUrl}/people`, {
					method: "POST",
					headers: { "Content-Type": "application/json" },
					body: JSON.stringify(person),
				});
				expect(created.status).toBe(201);
			}
			const exported = await fetch(`${stack.apiUrl}/people`, { headers: { Accept: "text/csv" } });
			expect(exported.headers.get("Link")).not.toMatch(/rel="next"/);
			const path = csvFile(await exported.text(), "export.csv");
			await migrateDatabase(target.url);
			const loaded = await withNeonClient(target.url, (client) => loadPassengers(client, path));
			expect(loaded).toMatchObject({ outcome: "loaded", rows: 887 + names.length, rejected: 0 });
			const [source, copy] = [await rows(stack.databaseUrl), await rows(target.url)];
			expect(copy).toEqual(source);
			expect(copy.filter((row) => !Number.isInteger(row.age)).length).toBeGreaterThan(25);
			// Loaded back where it came from, it finds every person there already: nothing doubles.
			const home = await withNeonClient(stack.databaseUrl, (client) => loadPassengers(client, path));
			expect(home).toMatchObject({ outcome: "loaded", existing: 887 + names.length });
			expect(await rows(stack.databaseUrl)).toEqual(source);
		} finally {
			await stack.stop();
			await target.drop();
		}
	}, 120_000);
});
