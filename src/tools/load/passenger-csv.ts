import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { PASSENGER_FIELDS, UUID_CSV_COLUMN } from "../../db/passenger-fields";
import { type NewPerson, newPersonSchema } from "../../db/person.schemas";
import { restoreCell } from "../../lib/csv-cell";
import { CliError } from "../lib/cli";
import { CheckedBytes } from "./checked-bytes";
import { throwIfUnopenable } from "./csv-file";

/** The CSV header, in file order, and the API field each column feeds. */
export const CSV_HEADER = PASSENGER_FIELDS.map((f) => f.csv);
const CSV_COLUMNS = new Map<string, string>([
	...PASSENGER_FIELDS.map((f) => [f.csv, f.field] as const),
	// A row with a uuid is loaded only if the table does not have that person; empty means none.
	[UUID_CSV_COLUMN, "uuid"],
]);

export type ParsedRow =
	| { line: number; person: NewPerson }
	| { line: number; reason: string; record: string[] };

// The CSV carries text; these turn it into the JSON types the API schema checks, strictly:
// "0"/"1" are the only booleans (a cast would make "0" true), numbers keep their fraction.
const BOOLEAN_TEXT: Record<string, boolean> = { "0": false, "1": true };
const INTEGER_TEXT = /^\d+$/;
const NUMBER_TEXT = /^\d+(\.\d+)?$/;

function typed(field: string, text: string): unknown {
	switch (field) {
		case "survived":
			return BOOLEAN_TEXT[text] ?? text;
		case "passengerClass":
		case "siblingsOrSpousesAboard":
		case "parentsOrChildrenAboard":
			return INTEGER_TEXT.test(text) ? Number(text) : text;
		case "age":
		case "fare":
			return NUMBER_TEXT.test(text) ? Number(text) : text;
		case "name":
			// An exported name that a spreadsheet would have run carries an apostrophe in front.
			return restoreCell(text);
		case "uuid":
			return text === "" ? undefined : text;
		default:
			return text;
	}
}

/** Names what is wrong with a header: missing, unknown and repeated columns. */
export function checkHeader(header: string[]): void {
	const missing = CSV_HEADER.filter((c) => !header.includes(c));
	const unknown = header.filter((c) => !CSV_COLUMNS.has(c));
	const repeated = header.filter((c, i) => header.indexOf(c) !== i);
	const problems = [];
	if (missing.length) problems.push(`missing column(s): ${missing.join(", ")}`);
	if (unknown.length) problems.push(`unknown column(s): ${unknown.join(", ")}`);
	if (repeated.length) problems.push(`repeated column(s): ${repeated.join(", ")}`);
	if (problems.length) {
		throw new CliError(`bad CSV header: ${problems.join("; ")}; expected: ${CSV_HEADER.join(",")}`);
	}
}

// A passenger's row is about 100 bytes; a record past this is not one, and would otherwise
// be held in memory whole however large it grew.
export const MAX_RECORD_CHARACTERS = 64 * 1024;
// How much of a bad value a message repeats.
const ECHOED_CHARACTERS = 60;

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
				checkHeader(record);
				fields = record.map((column) => CSV_COLUMNS.get(column) ?? column);
				continue;
			}
			if (record.length === 1 && record[0] === "") continue;
			options.onBytes?.(file.bytesRead);
			yield toPerson(record, fields, start);
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

function toPerson(record: string[], fields: string[], line: number): ParsedRow {
	if (record.length !== fields.length) {
		return { line, record, reason: `expected ${fields.length} fields, found ${record.length}` };
	}
	const candidate: Record<string, unknown> = {};
	for (const [i, field] of fields.entries()) candidate[field] = typed(field, record[i] ?? "");
	const result = newPersonSchema.safeParse(candidate);
	if (result.success) return { line, person: result.data };
	const problems = new Map<string, string[]>();
	for (const issue of result.error.issues) {
		const field = String(issue.path[0]);
		const message = issue.code === "invalid_type" ? (TEXT_FORMATS[field] ?? issue.message) : issue.message;
		problems.set(field, [...(problems.get(field) ?? []), message]);
	}
	const reason = [...problems]
		.map(([field, messages]) => {
			const text = JSON.stringify(echoed(record[fields.indexOf(field)] ?? ""));
			return `${columnOf(field)}: ${messages.join(", ")} (got ${text})`;
		})
		.join("; ");
	return { line, record, reason };
}

// What the text of a column must look like, said in the CSV's terms rather than JSON's.
const TEXT_FORMATS: Record<string, string> = {
	survived: "must be 0 or 1",
	passengerClass: "must be a whole number",
	siblingsOrSpousesAboard: "must be a whole number",
	parentsOrChildrenAboard: "must be a whole number",
	age: "must be a number ≥ 0 such as 22 or 0.42",
	fare: "must be a number ≥ 0 such as 7.25",
};

/** A value as a message repeats it: its start only, if it is long. */
function echoed(value: string): string {
	return value.length > ECHOED_CHARACTERS
		? `${value.slice(0, ECHOED_CHARACTERS)}… (${value.length} characters)`
		: value;
}

function columnOf(field: string): string {
	return PASSENGER_FIELDS.find((f) => f.field === field)?.csv ?? field;
}
