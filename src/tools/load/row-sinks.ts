import type { Client } from "@neondatabase/serverless";
import type { NewPerson } from "../../db/person.schemas";
import { copyBatch, PassengerCopyBuffer } from "./copy-batch";
import { insertBatch, PassengerInsertBatch } from "./insert-batch";

/** Where valid rows go: collected one by one, flushed every `batchSize` rows and at the end. */
export interface RowSink {
	add(person: NewPerson): void;
	size(): number;
	flush(): Promise<void>;
	/** Waits for flushed batches still on their way. */
	drain?(): Promise<void>;
	/** How many flushed rows were left out because the table has their uuid already. */
	existing?(): number;
}

/**
 * Where the rows go: binary COPY, pipelined, for Postgres; one INSERT per batch for the
 * embedded PGlite, which cannot take COPY over its wire protocol, and for a file whose rows
 * carry uuids (`keyed`), which leaves out the people the table has already.
 */
export async function batchWriter(client: Client, loadId: number, keyed = false): Promise<RowSink> {
	const { rows } = await client.query("SELECT version() LIKE '%PGlite%' AS embedded");
	if (rows[0]?.embedded || keyed) {
		const batch = new PassengerInsertBatch(loadId);
		let existing = 0;
		return {
			add: (person) => batch.add(person),
			size: () => batch.rows,
			async flush() {
				const size = batch.rows;
				existing += size - (await insertBatch(client, batch.take()));
			},
			existing: () => existing,
		};
	}
	// One batch in the database, the next queued behind it on the connection, a third
	// being parsed: the database never waits for the parser, and memory holds at most
	// three batches whatever the file's size.
	const buffer = new PassengerCopyBuffer(loadId);
	const inFlight: Promise<void>[] = [];
	return {
		add: (person) => buffer.add(person),
		size: () => buffer.rows,
		async flush() {
			const batch = copyBatch(client, buffer.take());
			batch.catch(() => {});
			inFlight.push(batch);
			if (inFlight.length > 1) await inFlight.shift();
		},
		drain: () => Promise.all(inFlight).then(() => {}),
	};
}
