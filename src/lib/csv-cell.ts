// CSV cells as the loader reads them and the export writes them (RFC 4180), and the rule
// that keeps a spreadsheet from running a cell as a formula.

// A cell a spreadsheet would run as a formula starts with = + - @ (or a tab or carriage
// return before one). An apostrophe in front makes it text; a cell that starts with an
// apostrophe gets one more, so that taking the first one away is always exact. Many
// spreadsheets (most of Europe's) split on ";" instead of ",", where every ";" starts a
// cell: so each piece after one is guarded the same way.
const NEEDS_APOSTROPHE = /^[=+\-@'\t\r]/;
// A plain number (-1, +2.5) runs as nothing but itself: it stays a number.
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
const GUARDED = /^'[=+\-@'\t\r]/;

/** The text as a spreadsheet-safe cell value (see restoreCell for the way back). */
export function inertCell(text: string): string {
	return text
		.split(";")
		.map((piece) => (NEEDS_APOSTROPHE.test(piece) && !PLAIN_NUMBER.test(piece) ? `'${piece}` : piece))
		.join(";");
}

/** The text inertCell was given. */
export function restoreCell(cell: string): string {
	return cell
		.split(";")
		.map((piece) => (GUARDED.test(piece) ? piece.slice(1) : piece))
		.join(";");
}

/** A value as an RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
