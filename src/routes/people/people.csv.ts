import { csvColumnOf, PASSENGER_FIELDS } from "../../db/passenger-fields";
import type { Person } from "../../db/person.schemas";
import { csvField, inertCell } from "../../lib/csv-cell";
import type { Selection } from "./people.select";

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
 * A selection keeps its columns only, in its order (the loader then takes it no more).
 */
export function peopleCsv(people: Person[], selection?: Selection): string {
	const fields = selection ?? [...PASSENGER_FIELDS.map((f) => f.field), "uuid" as const];
	const lines = [fields.map(csvColumnOf).join(",")];
	for (const person of people) lines.push(fields.map((field) => cell(person[field])).join(","));
	return `${lines.join("\r\n")}\r\n`;
}
