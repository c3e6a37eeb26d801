import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ParsedRow } from "../../../src/db/passenger-rows";
import { CliError } from "../../../src/tools/lib/cli";
import { MAX_RECORD_CHARACTERS, readPassengerCsv } from "../../../src/tools/load/passenger-csv";
import { csvFile, HEADER } from "./support";

async function readAll(path: string): Promise<ParsedRow[]> {
	const rows: ParsedRow[] = [];
	for await (const row of readPassengerCsv(path)) rows.push(row);
	return rows;
}

const parse = (content: string) => readAll(csvFile(content));

describe("readPassengerCsv", () => {
	it("reads quoted commas and newlines (a name may not hold one), a BOM, CRLF, unicode and no final newline", async () => {
		const content = `\uFEFF${HEADER}\r\n1,1,"Brown, Mrs. James Joseph (Margaret ""Molly"" Tobin)",female,44,0,0,27.7208\r\n0,3,"Line One\r\nLine Two",male,0.42,0,1,8.5167\r\n1,2,Zoë Ŝtrauß 漢字,other,30,0,0,13`;
		const rows = await parse(content);
		expect(rows).toEqual([
			{
				line: 2,
				person: {
					survived: true,
					passengerClass: 1,
					name: 'Brown, Mrs. James Joseph (Margaret "Molly" Tobin)',
					sex: "female",
					age: 44,
					siblingsOrSpousesAboard: 0,
					parentsOrChildrenAboard: 0,
					fare: 27.7208,
				},
			},
			expect.objectContaining({
				line: 3,
				reason: expect.stringMatching(/^Name: must be .*no control .*\(got "Line One\\r\\nLine Two"\)$/),
			}),
			expect.objectContaining({
				line: 5,
				person: expect.objectContaining({ name: "Zoë Ŝtrauß 漢字", fare: 13 }),
			}),
		]);
	});

	it("reads a file whose rows end in CRLF, LF and CR mixed, as an editor's append leaves it, losing no row", async () => {
		const rows = await parse(
			`${HEADER}\r\n0,3,A B,male,22,1,0,7.25\r\n1,1,C D,female,38,1,0,71\n0,3,E F,male,35,0,0,8\r1,3,G H,female,26,0,0,7.9\n`,
		);
		expect(rows.map((row) => ("person" in row ? [row.line, row.person.name] : row))).toEqual([
			[2, "A B"],
			[3, "C D"],
			[4, "E F"],
			[5, "G H"],
		]);
	});

	it("turns 0 and 1 into booleans and keeps fractional ages", async () => {
		const [dead, alive] = await parse(`${HEADER}\n0,3,A B,male,0.67,0,0,7\n1,3,C D,female,28.5,0,0,7.25\n`);
		expect(dead).toMatchObject({ person: { survived: false, age: 0.67 } });
		expect(alive).toMatchObject({ person: { survived: true, age: 28.5 } });
	});

	it.each([
		[
			"Survived,Pclass,Name,Sex,Age,Fare",
			/missing column\(s\): Siblings\/Spouses Aboard, Parents\/Children Aboard/,
		],
		[`${HEADER},Cabin`, /unknown column\(s\): Cabin/],
		[`${HEADER},Fare`, /repeated column\(s\): Fare/],
		[
			"survived,pclass,name,sex,age,sibsp,parch,fare",
			/missing column\(s\): Survived.*unknown column\(s\): survived/,
		],
	])("names what is wrong with the header %s", async (header, message) => {
		const error = await parse(`${header}\n`).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(CliError);
		expect((error as Error).message).toMatch(message);
	});

	it("gives each bad row its line number and every reason", async () => {
		const rows = await parse(
			`${HEADER}\n1,1,Good Row,female,30,0,0,10\n2,4,Bad Row,female,-1,0,0,10\n\n1,1,Short Row\n0,2,"",man,1e3,0,0,x\n`,
		);
		const reasons = rows.flatMap((r) => ("reason" in r ? [`${r.line}: ${r.reason}`] : []));
		expect(reasons).toEqual([
			'3: Survived: must be 0 or 1 (got "2"); Pclass: Too big: expected number to be <=3 (got "4"); Age: must be a number ≥ 0 such as 22 or 0.42 (got "-1")',
			"5: expected 8 fields, found 3",
			expect.stringMatching(
				/^6: Name: must be 1–100 characters, at least one visible.* \(got ""\); Sex: .*\(got "man"\); Age: .*\(got "1e3"\); Fare: must be a number ≥ 0 such as 7.25 \(got "x"\)$/,
			),
		]);
	});

	it("reads UTF-8 strictly: a Latin-1 file names its first bad line", async () => {
		const latin1 = Buffer.from(`${HEADER}\n1,1,Zoe,female,30,0,0,10\n1,1,Zoë,female,30,0,0,10\n`, "latin1");
		const path = csvFile("");
		writeFileSync(path, latin1);
		await expect(readAll(path)).rejects.toThrow(/is not UTF-8: line 3 /);
	});

	it("bounds a record's size, and repeats only the start of a bad value", async () => {
		await expect(
			parse(`${HEADER}\n1,1,"${"x".repeat(MAX_RECORD_CHARACTERS)}",male,1,0,0,1\n`),
		).rejects.toThrow(/the record starting on line 2 is longer than 65536 characters/);
		const [row] = await parse(`${HEADER}\n1,1,${"y".repeat(5_000)},male,1,0,0,1\n`);
		const reason = row && "reason" in row ? row.reason : "";
		expect(reason).toMatch(/\(got "y{60}… \(5000 characters\)"\)$/);
		expect(reason.length).toBeLessThan(300);
	});

	it("bounds a line's bytes too: a line of empty fields is refused before it fills memory", async () => {
		const memory = process.memoryUsage().rss;
		await expect(parse(`${HEADER}\n1,1,A,male,1,0,0,1\n${",".repeat(50_000_000)}\n`)).rejects.toThrow(
			`line 3 is longer than ${4 * MAX_RECORD_CHARACTERS} bytes; a passenger's row is about 100`,
		);
		// 50 million empty fields would take gigabytes; the refusal keeps it to the file's chunks.
		expect(process.memoryUsage().rss - memory).toBeLessThan(400 * 1024 * 1024);
	});

	it("fails clearly on a missing file and an empty one", async () => {
		await expect(parse("")).rejects.toThrow(/has no header/);
		const missing = readPassengerCsv("/nonexistent/passengers.csv");
		await expect(missing.next()).rejects.toThrow("no such file: /nonexistent/passengers.csv");
	});
});
