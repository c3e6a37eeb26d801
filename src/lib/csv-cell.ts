// CSV cells as the loader reads them and the export writes them (RFC 4180), and the rule
// that keeps a spreadsheet from running a cell as a formula.

// A cell a spreadsheet would run as a formula starts with = + - @ (or a tab or carriage
// return before one). An apostrophe in front makes it text; a cell that starts with an
// apostrophe gets one more, so that taking the first one away is always exact.
const NEEDS_APOSTROPHE = /^[=+\-@'\t\r]/;
const GUARDED = /^'[=+\-@'\t\r]/;

/** The text as a spreadsheet-safe cell value (see restoreCell for the way back). */
export function inertCell(text: string): string {
	return NEEDS_APOSTROPHE.test(text) ? `'${text}` : text;
}

/** The text inertCell was given. */
export function restoreCell(cell: string): string {
	return GUARDED.test(cell) ? cell.slice(1) : cell;
}

/** A value as an RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
