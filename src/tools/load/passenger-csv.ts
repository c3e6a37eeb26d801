import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { fieldsOf, headerProblems, isBlank, type ParsedRow, personFromRecord } from "../../db/passenger-rows";
import { CliError } from "../lib/cli";
import { CheckedBytes } from "./checked-bytes";
import { throwIfUnopenable } from "./csv-file";

// A passenger's row is about 100 bytes; a record past this is not one, and would otherwise
// be held in memory whole however large it grew.
export const MAX_RECORD_CHARACTERS = 64 * 1024;

export interface ReadOptions {
	/** How far into the file the reader is, in bytes. */
	onBytes?: (bytes: number) => void;
	/** The SHA-256 of exactly the bytes parsed, once the whole file has been read. */
	onDigest?: (sha256: string) => void;
}

/**
 * Streams a passenger CSV (RFC 4180: quoted fields, BOM, CRLF, LF or CR, mixed too, no final newline; UTF-8,
 * strictly) and yields each data row either as a valid NewPerson or as the reason it is
 * not one, with the line it starts on (blank lines are skipped). Memory stays flat
 * whatever the file's size, and a record cannot grow past MAX_RECORD_CHARACTERS.
 */
export async function* readPassengerCsv(path: string, options: ReadOptions = {}): AsyncGenerator<ParsedRow> {
	const file = createReadStream(path);
	// A character is at most four bytes of UTF-8, so no valid record's line is refused.
	const checked = new CheckedBytes(path, 4 * MAX_RECORD_CHARACTERS);
	// Line numbers are counted here rather than with csv-parse's `info`, whose object per
	// record doubled the loader's memory: a record spans one line plus its quoted newlines.
	const parser = file.pipe(checked).pipe(
		parse({
			bom: true,
			relax_column_count: true,
			max_record_size: MAX_RECORD_CHARACTERS,
			// Every line ending, mixed: csv-parse otherwise takes the first it meets for the whole
			// file, and LF rows appended to a CRLF file (as editors and `echo` do) fuse into one record.
			record_delimiter: ["\r\n", "\n", "\r"],
		}),
	);
	file.on("error", (error) => parser.destroy(error));
	checked.on("error", (error) => parser.destroy(error));
	let fields: string[] | undefined;
	let line = 0;
	try {
		for await (const record of parser as AsyncIterable<string[]>) {
			const start = line + 1;
			line += 1 + quotedNewlines(record);
			if (!fields) {
				const bad = headerProblems(record);
				if (bad) throw new CliError(bad);
				fields = fieldsOf(record);
				continue;
			}
			if (isBlank(record)) continue;
			options.onBytes?.(file.bytesRead);
			yield personFromRecord(record, fields, start);
		}
	} catch (error) {
		if (error instanceof CliError) throw error;
		throwIfUnopenable(path, error);
		if ((error as { code?: string }).code === "CSV_MAX_RECORD_SIZE") {
			throw new CliError(
				`${path}: the record starting on line ${line + 1} is longer than ${MAX_RECORD_CHARACTERS} characters; a passenger's row is about 100 (is a quote left open?)`,
			);
		}
		throw new CliError(`unreadable CSV ${path}: ${(error as Error).message}`);
	}
	if (!fields) throw new CliError(`empty file: ${path} has no header`);
	const digest = checked.sha256();
	if (digest) options.onDigest?.(digest);
}

function quotedNewlines(record: string[]): number {
	let count = 0;
	for (const field of record) {
		if (!field.includes("\n") && !field.includes("\r")) continue;
		count += field.split(/\r\n|\r|\n/).length - 1;
	}
	return count;
}
