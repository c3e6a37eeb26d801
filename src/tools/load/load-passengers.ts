import { createHash } from "node:crypto";
import { createReadStream, realpathSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import type { Client } from "@neondatabase/serverless";
import { CliError } from "../lib/cli";
import { hasUuidColumn, throwIfUnopenable } from "./csv-file";
import { type LoadRecord, ledgerOn } from "./ledger";
import { batchWriter } from "./row-sinks";
import { type ScanOptions, type ScanResult, scanPassengers } from "./scan-passengers";

export interface LoadOptions extends ScanOptions {
	/** Swap out the rows that earlier loads of this same file (its full path) brought in. */
	replace?: boolean;
}

export type LoadResult =
	| ({
			outcome: "loaded";
			replacedRows: number;
			/** Valid rows left out: their uuid names a person the table has already. */
			existing: number;
	  } & ScanResult)
	| { outcome: "already-loaded"; previous: LoadRecord };

/**
 * Loads a passenger CSV through the Neon driver in one transaction: every row lands or
 * none does, and a loader killed halfway leaves the table as it was. The ledger (content
 * hash and full path) makes a second load of the same content a no-op, and refuses an
 * edited file loaded before without `replace`, which swaps the rows that earlier loads of
 * the same path brought in, and only those.
 */
export async function loadPassengers(
	client: Client,
	path: string,
	options: LoadOptions = {},
): Promise<LoadResult> {
	const sha256 = await sha256Of(path);
	const fileName = realpathSync(path);
	await client.query("BEGIN");
	try {
		const ledger = ledgerOn(client);
		await ledger.lock();
		const previous = await ledger.find(sha256);
		if (previous && !options.replace) {
			await client.query("ROLLBACK");
			return { outcome: "already-loaded", previous };
		}
		if (previous && previous.fileName !== fileName) {
			throw new CliError(
				`${path} holds what ${previous.fileName} brought in (${previous.rows} rows): --replace swaps only the loads of the same file, so loading it again would duplicate them`,
			);
		}
		const earlier = options.replace ? undefined : await ledger.latestFrom(fileName);
		if (earlier) {
			throw new CliError(
				`an earlier version of ${path} was loaded on ${earlier.loadedAt.toISOString().slice(0, 10)} (${earlier.rows} rows), so loading this one would add its rows again: --replace swaps that version's rows for this one's`,
			);
		}
		const replacedRows = options.replace ? await ledger.removeEarlier(fileName) : 0;
		const loadId = await ledger.record(sha256, fileName);
		const sink = await batchWriter(client, loadId, hasUuidColumn(path));
		const scan = await scanPassengers(path, options, sink);
		const existing = sink.existing?.() ?? 0;
		// The ledger records the hash of the bytes it found first; the parser must have read the same.
		if (scan.sha256 !== sha256) {
			throw new CliError(`${path} changed while it was being loaded; nothing was loaded (run again)`);
		}
		await ledger.setRows(loadId, scan.rows - existing);
		// Fresh statistics, so the planner's plans and count estimates fit the new rows from
		// the first request on, rather than after autovacuum gets round to it.
		await client.query("ANALYZE passengers");
		await client.query("COMMIT");
		return { outcome: "loaded", replacedRows, existing, ...scan };
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
		throwIfUnopenable(path, error);
		throw new CliError(`cannot read ${path}: ${(error as Error).message}`);
	}
	return hash.digest("hex");
}
