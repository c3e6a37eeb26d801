import type { Client } from "@neondatabase/serverless";
import type { NewPerson } from "../../db/person.schemas";
import { CliError } from "../lib/cli";
import { readPassengerCsv } from "./passenger-csv";

export interface LoadOptions {
	batchSize?: number;
}

export interface LoadResult {
	rows: number;
}

// One statement per batch: each column travels as one array parameter, so a batch of
// any size costs one round trip and one parse.
const INSERT_BATCH = `
	INSERT INTO passengers (uuid, survived, passenger_class, name, sex, age,
		siblings_or_spouses_aboard, parents_or_children_aboard, fare)
	SELECT coalesce(u, gen_random_uuid()), s, c, n, x, a, sb, pc, f
	FROM unnest($1::uuid[], $2::bool[], $3::int2[], $4::text[], $5::text[], $6::float8[],
		$7::int4[], $8::int4[], $9::float8[]) AS t(u, s, c, n, x, a, sb, pc, f)`;

/**
 * Loads a passenger CSV in one transaction, streaming it in batches: either every row
 * lands or none does, and a killed loader leaves the table as it was.
 */
export async function loadPassengers(
	client: Client,
	path: string,
	options: LoadOptions = {},
): Promise<LoadResult> {
	const batchSize = options.batchSize ?? 10_000;
	const invalid: string[] = [];
	let rows = 0;
	let batch: NewPerson[] = [];
	await client.query("BEGIN");
	try {
		for await (const row of readPassengerCsv(path)) {
			if ("reason" in row) {
				invalid.push(`line ${row.line}: ${row.reason}`);
				continue;
			}
			if (invalid.length) continue;
			batch.push(row.person);
			if (batch.length >= batchSize) {
				await insertBatch(client, batch);
				rows += batch.length;
				batch = [];
			}
		}
		if (invalid.length)
			throw new CliError(`${invalid.length} invalid row(s), nothing loaded:\n${invalid.join("\n")}`);
		await insertBatch(client, batch);
		rows += batch.length;
		await client.query("COMMIT");
		return { rows };
	} catch (error) {
		await client.query("ROLLBACK").catch(() => {});
		throw error;
	}
}

async function insertBatch(client: Client, batch: NewPerson[]): Promise<void> {
	if (!batch.length) return;
	await client.query(INSERT_BATCH, [
		batch.map((p) => p.uuid ?? null),
		batch.map((p) => p.survived),
		batch.map((p) => p.passengerClass),
		batch.map((p) => p.name),
		batch.map((p) => p.sex),
		batch.map((p) => p.age),
		batch.map((p) => p.siblingsOrSpousesAboard),
		batch.map((p) => p.parentsOrChildrenAboard),
		batch.map((p) => p.fare),
	]);
}
