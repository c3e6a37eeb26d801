import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { type NewPerson, newPersonSchema } from "../../db/person.schemas";
import { CliError } from "../lib/cli";

/** The CSV header, in file order, and the API field each column feeds. */
export const CSV_COLUMNS = {
	Survived: "survived",
	Pclass: "passengerClass",
	Name: "name",
	Sex: "sex",
	Age: "age",
	"Siblings/Spouses Aboard": "siblingsOrSpousesAboard",
	"Parents/Children Aboard": "parentsOrChildrenAboard",
	Fare: "fare",
} as const;

type CsvColumn = keyof typeof CSV_COLUMNS;
const COLUMN_NAMES = Object.keys(CSV_COLUMNS) as CsvColumn[];

export type ParsedRow = { line: number; person: NewPerson } | { line: number; reason: string };

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

/** Names what is wrong with a header: missing and unknown columns, or their order. */
export function checkHeader(header: string[]): void {
	const missing = COLUMN_NAMES.filter((c) => !header.includes(c));
	const unknown = header.filter((c) => !(c in CSV_COLUMNS));
	const problems = [];
	if (missing.length) problems.push(`missing column(s): ${missing.join(", ")}`);
	if (unknown.length) problems.push(`unknown column(s): ${unknown.join(", ")}`);
	if (!problems.length && header.length !== COLUMN_NAMES.length) problems.push("a column appears twice");
	if (problems.length)
		throw new CliError(`bad CSV header: ${problems.join("; ")}; expected: ${COLUMN_NAMES.join(",")}`);
}

/**
 * Streams a passenger CSV (RFC 4180: quoted fields, BOM, CRLF, no final newline) and
 * yields each data row either as a valid NewPerson or as the reason it is not one, with
 * the line it starts on. Memory stays flat whatever the file's size.
 */
export async function* readPassengerCsv(path: string): AsyncGenerator<ParsedRow> {
	const parser = createReadStream(path).pipe(
		parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }),
	);
	let fields: string[] | undefined;
	try {
		for await (const { record, info } of parser as AsyncIterable<{
			record: string[];
			info: { lines: number };
		}>) {
			if (!fields) {
				checkHeader(record);
				fields = record.map((column) => CSV_COLUMNS[column as CsvColumn]);
				continue;
			}
			yield toPerson(record, fields, info.lines);
		}
	} catch (error) {
		if (error instanceof CliError) throw error;
		const code = (error as { code?: string }).code;
		if (code === "ENOENT") throw new CliError(`no such file: ${path}`);
		if (code === "EISDIR") throw new CliError(`not a file: ${path}`);
		throw new CliError(`unreadable CSV: ${(error as Error).message}`);
	}
	if (!fields) throw new CliError(`empty file: ${path} has no header`);
}

function toPerson(record: string[], fields: string[], line: number): ParsedRow {
	if (record.length !== fields.length) {
		return { line, reason: `expected ${fields.length} fields, found ${record.length}` };
	}
	const candidate: Record<string, unknown> = {};
	for (const [i, field] of fields.entries()) candidate[field] = typed(field, record[i] ?? "");
	const result = newPersonSchema.safeParse(candidate);
	if (result.success) return { line, person: result.data };
	const reason = result.error.issues
		.map(
			(issue) =>
				`${columnOf(String(issue.path[0]))}: ${issue.message} (got ${JSON.stringify(candidate[String(issue.path[0])])})`,
		)
		.join("; ");
	return { line, reason };
}

function columnOf(field: string): string {
	return COLUMN_NAMES.find((c) => CSV_COLUMNS[c] === field) ?? field;
}
