import type { Client } from "@neondatabase/serverless";
import type { NewPerson } from "../../db/person.schemas";

// Each column travels as one array parameter, so a batch of any size is one statement.
const INSERT_PASSENGERS = `
	INSERT INTO passengers (survived, passenger_class, name, sex, age,
		siblings_or_spouses_aboard, parents_or_children_aboard, fare, load_id)
	SELECT s, c, n, x, a, sb, pc, f, $9
	FROM unnest($1::bool[], $2::int2[], $3::text[], $4::text[], $5::float8[], $6::int4[], $7::int4[],
		$8::float8[]) WITH ORDINALITY AS t(s, c, n, x, a, sb, pc, f, position)
	ORDER BY position`;

/**
 * Collects passengers column by column for one INSERT … SELECT FROM unnest(…): the way in
 * for the embedded PGlite, whose wire protocol cannot carry COPY.
 */
export class PassengerInsertBatch {
	#columns: unknown[][] = [[], [], [], [], [], [], [], []];

	constructor(private readonly loadId: number) {}

	get rows(): number {
		return this.#columns[0]?.length ?? 0;
	}

	add(p: NewPerson): void {
		const values = [
			p.survived,
			p.passengerClass,
			p.name,
			p.sex,
			p.age,
			p.siblingsOrSpousesAboard,
			p.parentsOrChildrenAboard,
			p.fare,
		];
		for (const [i, value] of values.entries()) this.#columns[i]?.push(value);
	}

	/** The batch as the statement's parameters; the batch starts over. */
	take(): unknown[] {
		const params = [...this.#columns, this.loadId];
		this.#columns = this.#columns.map(() => []);
		return params;
	}
}

export async function insertBatch(client: Client, params: unknown[]): Promise<void> {
	await client.query(INSERT_PASSENGERS, params);
}
