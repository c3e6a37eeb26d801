import type { Client } from "@neondatabase/serverless";
import { PASSENGER_COLUMN_LIST, PASSENGER_FIELDS } from "../../db/passenger-fields";
import type { NewPerson } from "../../db/person.schemas";

// Each column travels as one array parameter, so a batch of any size is one statement.
const LOAD_ID_PARAM = `$${PASSENGER_FIELDS.length + 1}`;
const INSERT_PASSENGERS = `
	INSERT INTO passengers (${PASSENGER_COLUMN_LIST}, load_id)
	SELECT ${PASSENGER_FIELDS.map((f) => `t.${f.column}`).join(", ")}, ${LOAD_ID_PARAM}::int4
	FROM unnest(${PASSENGER_FIELDS.map((f, i) => `$${i + 1}::${f.sqlType}[]`).join(", ")})
		WITH ORDINALITY AS t(${PASSENGER_COLUMN_LIST}, position)
	ORDER BY position`;

/**
 * Collects passengers column by column for one INSERT … SELECT FROM unnest(…): the way in
 * for the embedded PGlite, whose wire protocol cannot carry COPY.
 */
export class PassengerInsertBatch {
	#columns: unknown[][] = PASSENGER_FIELDS.map(() => []);

	constructor(private readonly loadId: number) {}

	get rows(): number {
		return this.#columns[0]?.length ?? 0;
	}

	add(p: NewPerson): void {
		for (const [i, { field }] of PASSENGER_FIELDS.entries()) this.#columns[i]?.push(p[field]);
	}

	/** The batch as the statement's parameters; the batch starts over. */
	take(): unknown[] {
		const params = [...this.#columns, this.loadId];
		this.#columns = PASSENGER_FIELDS.map(() => []);
		return params;
	}
}

export async function insertBatch(client: Client, params: unknown[]): Promise<void> {
	await client.query(INSERT_PASSENGERS, params);
}
