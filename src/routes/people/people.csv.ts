import { PASSENGER_FIELDS, UUID_CSV_COLUMN } from "../../db/passenger-fields";
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
 * CRLF) with each person's uuid last, so that `db:load` takes an export back unchanged and
 * as the same people: loaded where they are already, it leaves them as they are. Names
 * that a spreadsheet would run as formulas are written as text (src/lib/csv-cell.ts).
 */
export function peopleCsv(people: Person[]): string {
	const lines = [[...PASSENGER_FIELDS.map((f) => f.csv), UUID_CSV_COLUMN].join(",")];
	for (const person of people) {
		lines.push([...PASSENGER_FIELDS.map((f) => cell(person[f.field])), person.uuid].join(","));
	}
	return `${lines.join("\r\n")}\r\n`;
}
