import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { setImmediate as setImmediatePromise } from "node:timers/promises";
import type { Client } from "@neondatabase/serverless";
import { stringify } from "csv-stringify";
import type { NewPerson } from "../../db/person.schemas";
import { CliError } from "../lib/cli";
import { copyBatch, PassengerCopyBuffer } from "./copy-batch";
import { insertBatch, PassengerInsertBatch } from "./insert-batch";
import { findLoad, type LoadRecord, lockLedger, recordLoad, removeEarlierLoads, setLoadRows } from "./ledger";
import { CSV_HEADER, readPassengerCsv } from "./passenger-csv";
import { createProgress } from "./progress";

export interface LoadOptions {
	batchSize?: number;
	/** Swap out the rows that earlier loads of this file (same name or content) brought in. */
	replace?: boolean;
	/** Load the valid rows and write the others to a rejects file beside the input. */
	skipInvalid?: boolean;
	progress?: "tty" | "log" | "quiet";
}

export interface ScanResult {
	rows: number;
	rejected: number;
	rejectsFile?: string;
	seconds: number;
}

export type LoadResult =
	| ({ outcome: "loaded"; replacedRows: number } & ScanResult)
	| { outcome: "already-loaded"; previous: LoadRecord };

export const DEFAULT_BATCH_SIZE = 20_000;
const ERRORS_SHOWN = 20;
const YIELD_EVERY_ROWS = 250;

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
		await lockLedger(client);
		const previous = await findLoad(client, sha256);
		if (previous && !options.replace) {
			await client.query("ROLLBACK");
			return { outcome: "already-loaded", previous };
		}
		const replacedRows = options.replace ? await removeEarlierLoads(client, sha256, fileName) : 0;
		const loadId = await recordLoad(client, sha256, fileName);
		const scan = await scanPassengers(path, options, await batchWriter(client, loadId));
		await setLoadRows(client, loadId, scan.rows);
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

/**
 * Where the rows go: binary COPY, pipelined, for Postgres; one INSERT per batch for the
 * embedded PGlite, which cannot take COPY over its wire protocol.
 */
async function batchWriter(client: Client, loadId: number): Promise<RowSink> {
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

/** Where valid rows go: collected one by one, flushed every `batchSize` rows and at the end. */
interface RowSink {
	add(person: NewPerson): void;
	size(): number;
	flush(): Promise<void>;
	/** Waits for flushed batches still on their way. */
	drain?(): Promise<void>;
}

/**
 * Reads and validates every row, handing valid ones to the sink. Invalid rows are
 * reported with their line (the first 20, then a count) and fail the scan, or, with
 * `skipInvalid`, go to `<name>.rejects.csv` beside the input.
 */
async function scanPassengers(path: string, options: LoadOptions, sink: RowSink): Promise<ScanResult> {
	const started = performance.now();
	const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
	const progress = createProgress(fileSize(path), options.progress ?? "quiet");
	const errors: string[] = [];
	const rejects = options.skipInvalid ? new RejectsFile(path) : undefined;
	let rows = 0;
	let rejected = 0;
	let position = 0;
	try {
		for await (const row of readPassengerCsv(path, (bytesRead) => (position = bytesRead))) {
			// Parsing runs in microtasks, which starve I/O; yielding now and then lets the
			// database's replies in, so the next queued batch goes out without delay.
			if ((rows + sink.size() + rejected) % YIELD_EVERY_ROWS === 0) await setImmediatePromise();
			if ("reason" in row) {
				rejected++;
				if (errors.length < ERRORS_SHOWN) errors.push(`line ${row.line}: ${row.reason}`);
				rejects?.write(row.line, row.reason, row.record);
				continue;
			}
			if (rejected && !rejects) continue;
			sink.add(row.person);
			if (sink.size() === batchSize) {
				rows += batchSize;
				await sink.flush();
				progress.update(rows, position);
			}
		}
		if (rejected && !rejects) {
			const more = rejected > errors.length ? `\n… and ${rejected - errors.length} more` : "";
			throw new CliError(
				`${rejected} invalid row(s) in ${path}; nothing was loaded (--skip-invalid loads the rest):\n${errors.join("\n")}${more}`,
			);
		}
		rows += sink.size();
		if (sink.size()) await sink.flush();
		await sink.drain?.();
		progress.update(rows, position);
	} finally {
		progress.stop();
		await rejects?.close();
	}
	const seconds = (performance.now() - started) / 1000;
	return { rows, rejected, rejectsFile: rejected ? rejects?.path : undefined, seconds };
}

class RejectsFile {
	readonly path: string;
	#csv?: ReturnType<typeof stringify>;
	#done?: Promise<void>;

	constructor(input: string) {
		this.path = join(dirname(input), `${basename(input, ".csv")}.rejects.csv`);
	}

	write(line: number, reason: string, record: string[]): void {
		if (!this.#csv) {
			this.#csv = stringify({ header: true, columns: ["line", "reason", ...CSV_HEADER] });
			this.#done = pipeline(this.#csv, createWriteStream(this.path));
		}
		this.#csv.write([line, reason, ...record]);
	}

	async close(): Promise<void> {
		this.#csv?.end();
		await this.#done;
	}
}

function fileSize(path: string): number {
	try {
		return statSync(path).size;
	} catch {
		return 0;
	}
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
