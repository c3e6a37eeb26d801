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
