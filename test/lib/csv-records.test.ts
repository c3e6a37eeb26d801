import { describe, expect, it } from "vitest";
import { csvRecords } from "../../src/lib/csv-records";

const fields = (text: string) => {
	const read = csvRecords(text);
	return "records" in read ? read.records.map((r) => [r.line, ...r.fields]) : read;
};

describe("csvRecords", () => {
	it("reads quoted fields with commas, doubled quotes and line breaks, counting lines as they start", () => {
		expect(fields('a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n')).toEqual([
			[1, "a", "b"],
			[2, "x, y", 'say "hi"'],
			[3, "two\nlines", "z"],
		]);
	});

	it("takes CRLF, LF and CR line endings, mixed, a byte order mark and no final line break", () => {
		expect(fields("\uFEFFa,b\r\n1,2\n3,4\r5,6")).toEqual([
			[1, "a", "b"],
			[2, "1", "2"],
			[3, "3", "4"],
			[4, "5", "6"],
		]);
	});

	it("keeps empty fields and blank lines as one empty field, which the caller skips", () => {
		expect(fields("a,,c\n\n,\n")).toEqual([
			[1, "a", "", "c"],
			[2, ""],
			[3, "", ""],
		]);
	});

	it("says on which line a quote was left open", () => {
		expect(fields('a,b\n1,"open\n2,3\n')).toEqual({ unclosedQuoteLine: 2 });
	});
});
