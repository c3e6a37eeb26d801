import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, inertCell, restoreCell } from "../../src/lib/csv-cell";

// What any text becomes, with the characters that matter to a spreadsheet made likely.
const texts = fc.string({
	unit: fc.constantFrom("=", "+", "-", "@", "'", "\t", "\r", ";", ",", '"', "a", " ", "1", "."),
});

describe("CSV cells", () => {
	it("never lets a cell, or a piece after a semicolon, start as a formula, and restores exactly", () => {
		fc.assert(
			fc.property(texts, (text) => {
				const cell = inertCell(text);
				// A plain signed number is the one thing that may start with + or -: it is only a number.
				const formulas = cell.split(";").filter((piece) => !/^[+-]?\d+(\.\d+)?$/.test(piece));
				for (const piece of formulas) expect(piece).not.toMatch(/^[=+\-@\t\r]/);
				expect(restoreCell(cell)).toBe(text);
			}),
		);
	});

	it("guards a formula after a semicolon", () => {
		expect(inertCell("Kelly;=cmd|' /C calc'!A0")).toBe("Kelly;'=cmd|' /C calc'!A0");
		expect(inertCell("=1;;'x")).toBe("'=1;;''x");
		expect(inertCell("Mr. Owen Harris Braund")).toBe("Mr. Owen Harris Braund");
	});

	it("leaves a plain number as it is (a rejected age of -1 reads -1), but not a sum", () => {
		expect(inertCell("-1")).toBe("-1");
		expect(inertCell("+2.5")).toBe("+2.5");
		expect(inertCell("-1+1")).toBe("'-1+1");
		expect(inertCell("-1;-2+cmd")).toBe("-1;'-2+cmd");
	});

	it("quotes a field only when RFC 4180 needs it", () => {
		expect(csvField("a;b")).toBe("a;b");
		expect(csvField('Smith, Mr. "Jack"')).toBe('"Smith, Mr. ""Jack"""');
		expect(csvField("two\r\nlines")).toBe('"two\r\nlines"');
	});
});
