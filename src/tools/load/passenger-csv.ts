import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { PASSENGER_FIELDS } from "../../db/passenger-fields";
import { type NewPerson, newPersonSchema } from "../../db/person.schemas";
import { CliError } from "../lib/cli";

/** The CSV header, in file order, and the API field each column feeds. */
const CSV_COLUMNS = new Map<string, string>(PASSENGER_FIELDS.map((f) => [f.csv, f.field]));
export const CSV_HEADER = PASSENGER_FIELDS.map((f) => f.csv);

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

/**
 * Streams a passenger CSV (RFC 4180: quoted fields, BOM, CRLF, no final newline) and
 * yields each data row either as a valid NewPerson or as the reason it is not one, with
 * the line it starts on (blank lines are skipped). Memory stays flat whatever the file's size; `onBytes` reports
 * how far into the file the reader is.
 */
export async function* readPassengerCsv(
	path: string,
	onBytes?: (bytes: number) => void,
): AsyncGenerator<ParsedRow> {
	const file = createReadStream(path);
	// Line numbers are counted here rather than with csv-parse's `info`, whose object per
	// record doubled the loader's memory: a record spans one line plus its quoted newlines.
	const parser = file.pipe(parse({ bom: true, relax_column_count: true }));
	file.on("error", (error) => parser.destroy(error));
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
			onBytes?.(file.bytesRead);
			yield toPerson(record, fields, start);
		}
	} catch (error) {
		if (error instanceof CliError) throw error;
		const code = (error as { code?: string }).code;
		if (code === "ENOENT") throw new CliError(`no such file: ${path}`);
		if (code === "EISDIR") throw new CliError(`not a file: ${path}`);
		throw new CliError(`unreadable CSV ${path}: ${(error as Error).message}`);
	}
	if (!fields) throw new CliError(`empty file: ${path} has no header`);
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
			const text = JSON.stringify(record[fields.indexOf(field)]);
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

function columnOf(field: string): string {
	return PASSENGER_FIELDS.find((f) => f.field === field)?.csv ?? field;
}
