import type { Client } from "@neondatabase/serverless";
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

export const INSERT_PERSON = `INSERT INTO passengers (uuid, survived, passenger_class, name, sex, age,
	siblings_or_spouses_aboard, parents_or_children_aboard, fare)
	VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8, $9) RETURNING uuid`;

export function insertParams(p: NewPerson): unknown[] {
	return [
		p.uuid ?? null,
		p.survived,
		p.passengerClass,
		p.name,
		p.sex,
		p.age,
		p.siblingsOrSpousesAboard,
		p.parentsOrChildrenAboard,
		p.fare,
	];
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
