import type { Client } from "@neondatabase/serverless";

export interface LoadRecord {
	id: number;
	fileName: string;
	rows: number;
	loadedAt: Date;
}

/**
 * Serialises loaders: held until the transaction ends, so two runs of the same file
 * cannot both decide it is new.
 */
export async function lockLedger(client: Client): Promise<void> {
	await client.query("SELECT pg_advisory_xact_lock(hashtext('passenger_loads'))");
}

export async function findLoad(client: Client, sha256: string): Promise<LoadRecord | undefined> {
	const { rows } = await client.query(
		`SELECT id, file_name AS "fileName", rows, loaded_at AS "loadedAt" FROM passenger_loads WHERE sha256 = $1`,
		[sha256],
	);
	return rows[0];
}

/** Removes the rows of earlier loads of this content or this file name, and their entries. */
export async function removeEarlierLoads(client: Client, sha256: string, fileName: string): Promise<number> {
	const { rowCount } = await client.query(
		`WITH earlier AS (DELETE FROM passenger_loads WHERE sha256 = $1 OR file_name = $2 RETURNING id)
		 DELETE FROM passengers WHERE load_id IN (SELECT id FROM earlier)`,
		[sha256, fileName],
	);
	return rowCount ?? 0;
}

export async function recordLoad(client: Client, sha256: string, fileName: string): Promise<number> {
	const { rows } = await client.query(
		"INSERT INTO passenger_loads (sha256, file_name, rows) VALUES ($1, $2, 0) RETURNING id",
		[sha256, fileName],
	);
	return rows[0].id;
}

export async function setLoadRows(client: Client, id: number, rows: number): Promise<void> {
	await client.query("UPDATE passenger_loads SET rows = $2 WHERE id = $1", [id, rows]);
}
