import type { Client } from "@neondatabase/serverless";
import { PASSENGER_COLUMN_LIST, PASSENGER_FIELDS } from "../../db/passenger-fields";
import type { NewPerson } from "../../db/person.schemas";

// Each column travels as one array parameter, so a batch of any size is one statement. A
// row whose uuid is taken is left out (a person the table has already: a load is idempotent
// per person); a row without one gets a new uuid.
const LOAD_ID_PARAM = `$${PASSENGER_FIELDS.length + 2}`;
const INSERT_PASSENGERS = `
	WITH inserted AS (
		INSERT INTO passengers (uuid, ${PASSENGER_COLUMN_LIST}, load_id)
		SELECT coalesce(t.uuid, gen_random_uuid()), ${PASSENGER_FIELDS.map((f) => `t.${f.column}`).join(", ")}, ${LOAD_ID_PARAM}::int4
		FROM unnest($1::uuid[], ${PASSENGER_FIELDS.map((f, i) => `$${i + 2}::${f.sqlType}[]`).join(", ")})
			WITH ORDINALITY AS t(uuid, ${PASSENGER_COLUMN_LIST}, position)
		ORDER BY position
		ON CONFLICT (uuid) DO NOTHING
		RETURNING 1)
	SELECT count(*)::int AS inserted FROM inserted`;

const emptyColumns = () => [[], ...PASSENGER_FIELDS.map(() => [])] as unknown[][];

/**
 * Collects passengers column by column (their uuid first, null for none) for one INSERT …
 * SELECT FROM unnest(…): the way in for the embedded PGlite, whose wire protocol cannot
 * carry COPY, and for a file with a uuid column, whose people may be there already.
 */
export class PassengerInsertBatch {
	#columns = emptyColumns();

	readonly #loadId: number;

	constructor(loadId: number) {
		this.#loadId = loadId;
	}

	get rows(): number {
		return this.#columns[0]?.length ?? 0;
	}

	add(p: NewPerson): void {
		this.#columns[0]?.push(p.uuid ?? null);
		for (const [i, { field }] of PASSENGER_FIELDS.entries()) this.#columns[i + 1]?.push(p[field]);
	}

	/** The batch as the statement's parameters; the batch starts over. */
	take(): unknown[] {
		const params = [...this.#columns, this.#loadId];
		this.#columns = emptyColumns();
		return params;
	}
}

/** Inserts a batch; how many of its rows went in (the others' uuids were taken). */
export async function insertBatch(client: Client, params: unknown[]): Promise<number> {
	const { rows } = await client.query(INSERT_PASSENGERS, params);
	return Number(rows[0]?.inserted ?? 0);
}
