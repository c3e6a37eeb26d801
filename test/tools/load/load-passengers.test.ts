import { existsSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { withNeonClient } from "../../../src/tools/lib/neon-driver";
import { checkPassengers, type LoadOptions, loadPassengers } from "../../../src/tools/load/load-passengers";
import { csvFile, databaseUrl, HEADER, loadedRows, query, rowsCsv, runLoader, startLoader } from "./support";

function load(path: string, options: LoadOptions = {}) {
	return withNeonClient(databaseUrl(), (client) => loadPassengers(client, path, options));
}

async function tableCounts() {
	const [row] = await query<{ passengers: number; loads: number }>(
		"SELECT (SELECT count(*)::int FROM passengers) AS passengers, (SELECT count(*)::int FROM passenger_loads) AS loads",
	);
	return row;
}

describe("a file with a uuid column", () => {
	it("loads its people with their uuids, and leaves out those the table has already", async () => {
		const uuids = Array.from({ length: 3 }, () => crypto.randomUUID());
		const row = (i: number) => `1,2,Keyed Passenger ${i},female,30,0,0,10,${uuids[i] ?? ""}`;
		const first = csvFile(`${HEADER},uuid\r\n${row(0)}\r\n${row(1)}\r\n`, "keyed.csv");
		expect(await load(first)).toMatchObject({ outcome: "loaded", rows: 2, existing: 0 });
		// Another file with the same two people, a new one, and one without a uuid.
		const second = csvFile(
			`${HEADER},uuid\r\n${row(0)}\r\n${row(1)}\r\n${row(2)}\r\n${row(3)}\r\n`,
			"more.csv",
		);
		const before = await tableCounts();
		expect(await load(second)).toMatchObject({ outcome: "loaded", rows: 4, existing: 2 });
		expect((await tableCounts())?.passengers).toBe((before?.passengers ?? 0) + 2);
		const stored = await query<{ uuid: string; n: number }>(
			"SELECT uuid::text, count(*)::int AS n FROM passengers WHERE uuid = ANY($1::uuid[]) GROUP BY uuid",
			[uuids],
		);
		expect(stored.map((r) => r.n)).toEqual([1, 1, 1]);
		expect(new Set(stored.map((r) => r.uuid))).toEqual(new Set(uuids));
	});
});

describe("loading the real passenger list", () => {
	it("loads data/titanic.csv: 887 rows, 342 survivors, 25 fractional ages, in file order", async () => {
		const result = await load("data/titanic.csv");
		expect(result).toMatchObject({ outcome: "loaded", rows: 887, rejected: 0 });
		const rows = await loadedRows("data/titanic.csv");
		expect(rows).toHaveLength(887);
		expect(rows.filter((r) => r.survived)).toHaveLength(342);
		expect(rows.filter((r) => !Number.isInteger(r.age))).toHaveLength(25);
		expect(rows.map((r) => r.age)).toEqual(expect.arrayContaining([0.42, 0.67, 0.75, 0.83, 0.92]));
		expect(rows[0]?.name).toBe("Mr. Owen Harris Braund");
	});

	it("is a no-op the second time, and says when it was loaded", async () => {
		const before = await tableCounts();
		const again = await load("data/titanic.csv");
		expect(again).toMatchObject({
			outcome: "already-loaded",
			previous: { rows: 887, fileName: realpathSync("data/titanic.csv") },
		});
		expect(await tableCounts()).toEqual(before);
	});
});

describe("loadPassengers", () => {
	it("loads in batches, in file order, with quoted, CRLF and unicode names", async () => {
		const names = ['Smith, Mr. "Jack"', "Zoë Ŝtrauß 漢字", "Back\\slash, O’Brien", "🚢 Ship, Mr."];
		const rows = names.map(
			(name, i) => `1,${(i % 3) + 1},"${name.replace(/"/g, '""')}",female,0.${i + 1},0,0,${i}`,
		);
		const path = csvFile(`\uFEFF${HEADER}\r\n${rows.join("\r\n")}`, "quirks.csv");
		expect(await load(path, { batchSize: 3 })).toMatchObject({ outcome: "loaded", rows: 4 });
		expect((await loadedRows(path)).map((r) => r.name)).toEqual(names);
	});

	it("loads nothing when a row is bad, and names each bad row's line (first 20, then a count)", async () => {
		const good = rowsCsv(30, "Mixed").split("\n");
		const bad = good.map((line, i) => (i > 0 && i % 2 === 0 ? line.replace(/^\d,/, "yes,") : line));
		const path = csvFile(bad.join("\n"), "mixed.csv");
		const before = await tableCounts();
		const error = await load(path, { batchSize: 4 }).catch((e: unknown) => e);
		const lines = (error as Error).message.split("\n");
		expect(lines[0]).toBe(
			`15 invalid row(s) in ${path}; nothing was loaded (--skip-invalid loads the rest):`,
		);
		expect(lines[1]).toBe('line 3: Survived: must be 0 or 1 (got "yes")');
		expect(lines).toHaveLength(1 + 15);
		expect(await tableCounts()).toEqual(before);
	});

	it("reports 20 bad rows and counts the rest", async () => {
		const path = csvFile(`${HEADER}\n${Array(25).fill("1,9,X Y,male,1,0,0,1").join("\n")}\n`, "many-bad.csv");
		const message = ((await load(path).catch((e: unknown) => e)) as Error).message;
		expect(message.split("\n").filter((l) => l.startsWith("line "))).toHaveLength(20);
		expect(message).toMatch(/… and 5 more$/);
	});

	it("with skipInvalid, loads the good rows and writes the rejects beside the input", async () => {
		const content = `${HEADER}\n1,1,Kept One,female,30,0,0,10\n1,5,Rejected,female,30,0,0,10\n0,2,Kept Two,male,0.83,0,0,10\n`;
		const path = csvFile(content, "partial.csv");
		const result = await load(path, { skipInvalid: true });
		expect(result).toMatchObject({ outcome: "loaded", rows: 2, rejected: 1 });
		expect((await loadedRows(path)).map((r) => r.name)).toEqual(["Kept One", "Kept Two"]);
		const rejects = path.replace(/partial\.csv$/, "partial.rejects.csv");
		expect(result.outcome === "loaded" && result.rejectsFile).toBe(rejects);
		expect(readFileSync(rejects, "utf8")).toBe(
			`line,reason,${HEADER}\n3,"Pclass: Too big: expected number to be <=3 (got ""5"")",1,5,Rejected,female,30,0,0,10\n`,
		);
	});

	it("writes cells a spreadsheet would run as formulas as text in the rejects file", async () => {
		const path = csvFile(`${HEADER}\n1,9,=cmd|' /C calc'!A0,@SUM(1),-1,+1,0,10\n`, "formulas.csv");
		await load(path, { skipInvalid: true });
		const [, row] = readFileSync(path.replace(".csv", ".rejects.csv"), "utf8").split("\n");
		// A plain number (the rejected age -1) stays readable as one.
		expect(row).toMatch(/^2,".*",1,9,'=cmd\|' \/C calc'!A0,'@SUM\(1\),-1,\+1,0,10$/);
	});

	it("never writes the rejects file through a symbolic link, and then loads nothing", async () => {
		const path = csvFile(
			`${HEADER}\n1,1,Kept,female,30,0,0,10\n1,5,Rejected,female,30,0,0,10\n`,
			"linked.csv",
		);
		const target = csvFile("precious\n", "precious.txt");
		symlinkSync(target, path.replace(".csv", ".rejects.csv"));
		const before = await tableCounts();
		await expect(load(path, { skipInvalid: true })).rejects.toThrow(
			`${path.replace(".csv", ".rejects.csv")} is a symbolic link; the rejects file is never written through one: remove it`,
		);
		expect(readFileSync(target, "utf8")).toBe("precious\n");
		expect(await tableCounts()).toEqual(before);
	});

	it("without replace, refuses an edited file that was loaded before, rather than add its rows again", async () => {
		const path = csvFile(rowsCsv(5, "First Cut"), "edited-later.csv");
		await load(path);
		writeFileSync(path, rowsCsv(6, "First Cut"));
		const before = await tableCounts();
		await expect(load(path)).rejects.toThrow(
			new RegExp(
				`^an earlier version of ${path} was loaded on \\d{4}-\\d{2}-\\d{2} \\(5 rows\\), so loading this one would add its rows again: --replace swaps`,
			),
		);
		expect(await tableCounts()).toEqual(before);
	});

	it("with replace, swaps out the rows an earlier version of the file loaded, in one go", async () => {
		const path = csvFile(rowsCsv(5, "Version One"), "versions.csv");
		await load(path);
		writeFileSync(path, rowsCsv(3, "Version Two"));
		const result = await load(path, { replace: true });
		expect(result).toMatchObject({ outcome: "loaded", rows: 3, replacedRows: 5 });
		expect((await loadedRows(path)).map((r) => r.name)).toEqual([
			"Version Two Passenger 0",
			"Version Two Passenger 1",
			"Version Two Passenger 2",
		]);
		const ledger = await query("SELECT rows FROM passenger_loads WHERE file_name = $1", [realpathSync(path)]);
		expect(ledger).toEqual([{ rows: 3 }]);
	});

	it("with replace, swaps only what the same file brought in: another file of the same name keeps its rows", async () => {
		const a = csvFile(rowsCsv(4, "Folder A"), "same-name.csv");
		const b = csvFile(rowsCsv(2, "Folder B"), "same-name.csv");
		await load(a);
		await load(b);
		writeFileSync(b, rowsCsv(3, "Folder B Again"));
		expect(await load(b, { replace: true })).toMatchObject({ outcome: "loaded", rows: 3, replacedRows: 2 });
		expect(await loadedRows(a)).toHaveLength(4);
		expect(await loadedRows(b)).toHaveLength(3);
	});

	it("refuses to load again, even with replace, what another file brought in", async () => {
		const original = csvFile(rowsCsv(3, "Copied"), "original.csv");
		await load(original);
		const copy = csvFile(rowsCsv(3, "Copied"), "copy.csv");
		const before = await tableCounts();
		await expect(load(copy, { replace: true })).rejects.toThrow(
			/holds what .*original\.csv brought in \(3 rows\)/,
		);
		expect(await tableCounts()).toEqual(before);
	});

	it("records the hash of exactly the bytes it parsed: a file edited meanwhile loads nothing", async () => {
		const path = csvFile(rowsCsv(3, "Before Edit"), "edited.csv");
		const before = await tableCounts();
		const error = await withNeonClient(databaseUrl(), (client) => {
			const query = client.query.bind(client) as (...args: unknown[]) => unknown;
			// The file changes after it was hashed, before it is parsed.
			Object.assign(client, {
				query: (...args: unknown[]) => {
					if (args[0] === "BEGIN") writeFileSync(path, rowsCsv(5, "After Edit"));
					return query(...args);
				},
			});
			return loadPassengers(client, path).catch((e: unknown) => e);
		});
		expect(String(error)).toMatch(/changed while it was being loaded; nothing was loaded/);
		expect(await tableCounts()).toEqual(before);
		expect(await load(path)).toMatchObject({ outcome: "loaded", rows: 5 });
	});

	it("checks a file without a database on a dry run", async () => {
		const path = csvFile(rowsCsv(7, "Dry"), "dry.csv");
		const before = await tableCounts();
		expect(await checkPassengers(path)).toMatchObject({ rows: 7, rejected: 0 });
		expect(await tableCounts()).toEqual(before);
		await expect(checkPassengers(csvFile(`${HEADER}\n1,1,X,male,1,0,0,-4\n`))).rejects.toThrow(
			/line 2: Fare/,
		);
	});
});

describe("npm run db:load", () => {
	it("loads, then says a rerun is a no-op, with exit codes 0", async () => {
		const path = csvFile(rowsCsv(12, "Cli"), "cli.csv");
		const first = await runLoader([path]);
		expect(first).toMatchObject({ code: 0 });
		expect(first.stdout).toMatch(
			/^db:load: loaded 12 rows in [\d.]+ s \(\d+ rows\/s, peak memory \d+ MB\)$/m,
		);
		const second = await runLoader([path]);
		expect(second.code).toBe(0);
		expect(second.stdout).toMatch(/was loaded already \(12 rows, as \/.*\/cli\.csv, at .*\); nothing to do/);
	});

	it("exits 1 with one clear line for bad input, and 2 when the database is unreachable", async () => {
		// stderr: the line saying what it is loading, then the one line saying why it stopped.
		const header = await runLoader([csvFile("Name,Age\nX,1\n")]);
		expect(header.code).toBe(1);
		expect(header.stderr.trim().split("\n")).toEqual([
			expect.stringMatching(/^db:load: loading .* into localhost:\d+ in one transaction$/),
			expect.stringMatching(
				/^db:load: bad CSV header: missing column\(s\): Survived, Pclass, Sex, .*; expected: /,
			),
		]);
		const usage = await runLoader([]);
		expect(usage).toMatchObject({
			code: 1,
			stderr: expect.stringMatching(/^db:load: name one CSV file\nusage: npm run db:load -- <file\.csv> /),
		});
		const down = await runLoader([csvFile(rowsCsv(1, "Down"))], {
			DATABASE_URL: "postgres://postgres@127.0.0.1:1/none",
		});
		expect(down.code).toBe(2);
		expect(down.stderr.trim().split("\n")).toEqual([
			expect.stringMatching(/^db:load: loading /),
			expect.stringMatching(/^db:load: cannot connect to the database at 127\.0\.0\.1:1: /),
		]);
	});

	it("--dry-run writes nothing, --skip-invalid reports its rejects file", async () => {
		const before = await tableCounts();
		const dry = await runLoader([csvFile(rowsCsv(4, "Dry Cli"), "dry-cli.csv"), "--dry-run"]);
		expect(dry.stdout).toMatch(/dry run: 4 valid rows .*; nothing was written/);
		expect(await tableCounts()).toEqual(before);
		const path = csvFile(`${HEADER}\n1,1,Fine,male,1,0,0,1\n1,1,,male,1,0,0,1\n`, "skip-cli.csv");
		const skip = await runLoader([path, "--skip-invalid", "--batch-size", "1"]);
		expect(skip.code).toBe(0);
		expect(skip.stderr).toContain(`skipped 1 invalid row(s); see ${path.replace(".csv", ".rejects.csv")}`);
		expect(existsSync(path.replace(".csv", ".rejects.csv"))).toBe(true);
	});

	it("leaves the table as it was when killed mid-load, and a rerun then succeeds", async () => {
		// Small batches make the killed load slow (3.4 s here, where the rerun's one batch takes
		// 1.5): it is surely still loading when killed.
		const path = csvFile(rowsCsv(20_000, "Killed"), "killed.csv");
		const before = await tableCounts();
		const { child, done } = startLoader([path, "--batch-size", "50"]);
		await new Promise<void>((resolve) =>
			child.stderr.on("data", (text: Buffer) => text.toString().includes("loading") && resolve()),
		);
		await new Promise((resolve) => setTimeout(resolve, 700));
		expect(child.exitCode).toBeNull();
		child.kill("SIGKILL");
		expect((await done).signal).toBe("SIGKILL");
		expect(await tableCounts()).toEqual(before);
		const rerun = await runLoader([path]);
		expect(rerun.code).toBe(0);
		expect(await loadedRows(path)).toHaveLength(20_000);
	}, 60_000);
});
