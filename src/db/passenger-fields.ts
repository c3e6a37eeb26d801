import { getTableColumns } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { NewPerson } from "./person.schemas";
import { passengers } from "./schema";

type Field = Exclude<keyof NewPerson, "uuid">;

// The CSV's header, in its column order: the one place that knows the file's names.
const CSV_HEADERS = {
	survived: "Survived",
	passengerClass: "Pclass",
	name: "Name",
	sex: "Sex",
	age: "Age",
	siblingsOrSpousesAboard: "Siblings/Spouses Aboard",
	parentsOrChildrenAboard: "Parents/Children Aboard",
	fare: "Fare",
} as const satisfies Record<Field, string>;

const columns = getTableColumns(passengers);

/**
 * The passenger list's field list, in the CSV's column order: each field of a person but
 * its uuid, with its CSV header, its table column and that column's SQL type (from the
 * drizzle schema). The loader, the fixtures, the benchmarks and the generators take their
 * columns from here.
 */
export const PASSENGER_FIELDS = (Object.keys(CSV_HEADERS) as Field[]).map((field) => ({
	field,
	csv: CSV_HEADERS[field],
	// drizzle.config.ts and createDb use casing "snake_case": the same conversion.
	column: toSnakeCase(field),
	sqlType: columns[field].getSQLType(),
}));

/** The table's columns for those fields, comma-separated, for hand-written SQL. */
export const PASSENGER_COLUMN_LIST = PASSENGER_FIELDS.map((f) => f.column).join(", ");

/**
 * The column a CSV may add after the fields (the export does): each person's uuid, so that
 * a load knows the people it brings and leaves those the table has already as they are.
 */
export const UUID_CSV_COLUMN = "uuid";

/** The CSV column of a person's field (its uuid's included); any other name as it is. */
export function csvColumnOf(field: string): string {
	if (field === "uuid") return UUID_CSV_COLUMN;
	return PASSENGER_FIELDS.find((f) => f.field === field)?.csv ?? field;
}
