import type { Client } from "@neondatabase/serverless";
import { PASSENGER_COLUMN_LIST, PASSENGER_FIELDS } from "../../src/db/passenger-fields";
import type { NewPerson } from "../../src/db/person.schemas";

let counter = 0;

/** A valid passenger with a unique name, so tests can find exactly the rows they made. */
export function samplePerson(overrides: Partial<NewPerson> = {}): NewPerson {
	counter++;
	return {
		survived: false,
		passengerClass: 2,
		name: `Test Passenger ${Date.now().toString(36)}-${counter}`,
		sex: "female",
		age: 0.42,
		siblingsOrSpousesAboard: 1,
		parentsOrChildrenAboard: 2,
		fare: 13.5,
		...overrides,
	};
}

export const INSERT_PERSON = `INSERT INTO passengers (uuid, ${PASSENGER_COLUMN_LIST})
	VALUES (coalesce($1::uuid, gen_random_uuid()), ${PASSENGER_FIELDS.map((_, i) => `$${i + 2}`).join(", ")})
	RETURNING uuid`;

export function insertParams(p: NewPerson): unknown[] {
	return [p.uuid ?? null, ...PASSENGER_FIELDS.map(({ field }) => p[field])];
}

/**
 * Inserts one passenger in a committed transaction and one in a rolled-back one, over an
 * interactive (WebSocket) connection, and returns the names that the database kept.
 */
export async function commitOneRollBackOne(client: Client): Promise<{ kept: string; found: string[] }> {
	const kept = samplePerson();
	const dropped = samplePerson();
	await client.query("BEGIN");
	await client.query(INSERT_PERSON, insertParams(kept));
	await client.query("COMMIT");
	await client.query("BEGIN");
	await client.query(INSERT_PERSON, insertParams(dropped));
	await client.query("ROLLBACK");
	const { rows } = await client.query("SELECT name FROM passengers WHERE name = ANY($1)", [
		[kept.name, dropped.name],
	]);
	return { kept: kept.name, found: rows.map((row: { name: string }) => row.name) };
}
