import { statSync } from "node:fs";
import { setImmediate as setImmediatePromise } from "node:timers/promises";
import { CliError } from "../lib/cli";
import { readPassengerCsv } from "./passenger-csv";
import { createProgress } from "./progress";
import { RejectsFile } from "./rejects-file";
import type { RowSink } from "./row-sinks";

export const DEFAULT_BATCH_SIZE = 20_000;
const ERRORS_SHOWN = 20;
const YIELD_EVERY_ROWS = 250;

export interface ScanOptions {
	batchSize?: number;
	/** Load the valid rows and write the others to a rejects file beside the input. */
	skipInvalid?: boolean;
	progress?: "tty" | "log" | "quiet";
}

export interface ScanResult {
	/** SHA-256 of exactly the bytes that were parsed. */
	sha256: string;
	rows: number;
	rejected: number;
	rejectsFile?: string;
	seconds: number;
}

/**
 * Reads and validates every row, handing valid ones to the sink. Invalid rows are
 * reported with their line (the first 20, then a count) and fail the scan, or, with
 * `skipInvalid`, go to `<name>.rejects.csv` beside the input.
 */
export async function scanPassengers(path: string, options: ScanOptions, sink: RowSink): Promise<ScanResult> {
	const started = performance.now();
	const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
	const progress = createProgress(fileSize(path), options.progress ?? "quiet");
	const errors: string[] = [];
	const rejects = options.skipInvalid ? new RejectsFile(path) : undefined;
	let rows = 0;
	let rejected = 0;
	let position = 0;
	let sha256 = "";
	const reading = {
		onBytes: (bytes: number) => (position = bytes),
		onDigest: (digest: string) => (sha256 = digest),
	};
	try {
		for await (const row of readPassengerCsv(path, reading)) {
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
	return { sha256, rows, rejected, rejectsFile: rejected ? rejects?.path : undefined, seconds };
}

function fileSize(path: string): number {
	try {
		return statSync(path).size;
	} catch {
		return 0;
	}
}
