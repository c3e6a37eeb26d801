import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { pipeline } from "node:stream/promises";
import type { Client } from "@neondatabase/serverless";
import { CliError } from "../lib/cli";
import { type LoadRecord, ledgerOn } from "./ledger";
import { batchWriter } from "./row-sinks";
import { type ScanOptions, type ScanResult, scanPassengers } from "./scan-passengers";

export interface LoadOptions extends ScanOptions {
	/** Swap out the rows that earlier loads of this file (same name or content) brought in. */
	replace?: boolean;
}

export type LoadResult =
	| ({ outcome: "loaded"; replacedRows: number } & ScanResult)
	| { outcome: "already-loaded"; previous: LoadRecord };

/**
 * Loads a passenger CSV through the Neon driver in one transaction: every row lands or
 * none does, and a loader killed halfway leaves the table as it was. The ledger makes a
 * second load of the same file a no-op unless `replace` is set.
 */
export async function loadPassengers(
	client: Client,
	path: string,
	options: LoadOptions = {},
): Promise<LoadResult> {
	const sha256 = await sha256Of(path);
	const fileName = basename(path);
	await client.query("BEGIN");
	try {
		const ledger = ledgerOn(client);
		await ledger.lock();
		const previous = await ledger.find(sha256);
		if (previous && !options.replace) {
			await client.query("ROLLBACK");
			return { outcome: "already-loaded", previous };
		}
		const replacedRows = options.replace ? await ledger.removeEarlier(sha256, fileName) : 0;
		const loadId = await ledger.record(sha256, fileName);
		const scan = await scanPassengers(path, options, await batchWriter(client, loadId));
		await ledger.setRows(loadId, scan.rows);
		// Fresh statistics, so the planner's plans and count estimates fit the new rows from
		// the first request on, rather than after autovacuum gets round to it.
		await client.query("ANALYZE passengers");
		await client.query("COMMIT");
		return { outcome: "loaded", replacedRows, ...scan };
	} catch (error) {
		await client.query("ROLLBACK").catch(() => {});
		throw error;
	}
}

/** `--dry-run`: validates the whole file and writes nothing anywhere. */
export function checkPassengers(path: string, options: LoadOptions = {}): Promise<ScanResult> {
	let rows = 0;
	return scanPassengers(
		path,
		{ ...options, skipInvalid: false },
		{
			add: () => rows++,
			size: () => rows,
			flush: async () => {
				rows = 0;
			},
		},
	);
}

async function sha256Of(path: string): Promise<string> {
	const hash = createHash("sha256");
	try {
		await pipeline(createReadStream(path), hash);
	} catch (error) {
		const code = (error as { code?: string }).code;
		throw new CliError(
			code === "ENOENT" ? `no such file: ${path}` : `cannot read ${path}: ${(error as Error).message}`,
		);
	}
	return hash.digest("hex");
}
