import { PASSENGER_FIELDS } from "../../db/passenger-fields";
import type { Person } from "../../db/person.schemas";
import { csvField, inertCell } from "../../lib/csv-cell";

export const CSV_TYPE = "text/csv; charset=utf-8";

function cell(value: Person[keyof Person]): string {
	if (typeof value === "boolean") return value ? "1" : "0";
	if (typeof value === "number") return String(value);
	return csvField(inertCell(value));
}

/**
 * People in the loader's own format (its header, 0/1, plain decimals, RFC 4180 quoting,
 * CRLF), so that `db:load` takes an export back unchanged; names that a spreadsheet would
 * run as formulas are written as text (src/lib/csv-cell.ts).
 */
export function peopleCsv(people: Person[]): string {
	const lines = [PASSENGER_FIELDS.map((f) => f.csv).join(",")];
	for (const person of people) lines.push(PASSENGER_FIELDS.map((f) => cell(person[f.field])).join(","));
	return `${lines.join("\r\n")}\r\n`;
}
