// The passenger CSV's rows as people: what the loader (src/tools/load) and a text/csv body
// of POST /people both read, so that one file means the same people to both.
import { restoreCell } from "../lib/csv-cell";
import { csvColumnOf, PASSENGER_FIELDS, UUID_CSV_COLUMN } from "./passenger-fields";
import { type NewPerson, newPersonSchema } from "./person.schemas";

// How much of a bad value a message repeats.
const ECHOED_CHARACTERS = 60;

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

/** The fields a header's columns feed, in its order (for personFromRecord). */
export const fieldsOf = (header: string[]) => header.map((column) => CSV_COLUMNS.get(column) ?? column);

/** A blank line, which both readers skip. */
export const isBlank = (record: string[]) => record.length === 1 && record[0] === "";

/** What is wrong with a header (missing, unknown and repeated columns), if anything. */
export function headerProblems(header: string[]): string | undefined {
	const missing = CSV_HEADER.filter((c) => !header.includes(c));
	const unknown = header.filter((c) => !CSV_COLUMNS.has(c));
	const repeated = header.filter((c, i) => header.indexOf(c) !== i);
	const problems = [];
	if (missing.length) problems.push(`missing column(s): ${missing.join(", ")}`);
	if (unknown.length) problems.push(`unknown column(s): ${unknown.join(", ")}`);
	if (repeated.length) problems.push(`repeated column(s): ${repeated.join(", ")}`);
	if (problems.length === 0) return undefined;
	return `bad CSV header: ${problems.join("; ")}; expected: ${CSV_HEADER.join(",")}`;
}

/** A data row as a valid person, or the reason it is not one, naming its columns. */
export function personFromRecord(record: string[], fields: string[], line: number): ParsedRow {
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
			return `${csvColumnOf(field)}: ${messages.join(", ")} (got ${text})`;
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
