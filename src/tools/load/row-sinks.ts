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
}

/**
 * Where the rows go: binary COPY, pipelined, for Postgres; one INSERT per batch for the
 * embedded PGlite, which cannot take COPY over its wire protocol.
 */
export async function batchWriter(client: Client, loadId: number): Promise<RowSink> {
	const { rows } = await client.query("SELECT version() LIKE '%PGlite%' AS embedded");
	if (rows[0]?.embedded) {
		const batch = new PassengerInsertBatch(loadId);
		return {
			add: (person) => batch.add(person),
			size: () => batch.rows,
			flush: () => insertBatch(client, batch.take()),
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
