import { describe, expect, inject, it } from "vitest";
import { migrateDatabase } from "../../../src/tools/migrate";
import { createScratchDatabase } from "../../../src/tools/scratch-database";
import { csvFile, rowsCsv, runLoader } from "../load/support";
import { run } from "./run-script";

describe("the npm scripts' command lines", () => {
	it.each([
		["load", /^usage: npm run db:load -- <file\.csv> /],
		["migrate", /^usage: DATABASE_URL=postgres:\/\/… npm run db:migrate/],
		["dev", /^usage: npm run dev /],
		["bench-api", /^usage: npm run bench:api \[-- --duration S/],
		["bench-geo", /^usage: npm run bench:geo \[-- --rtt 5,80,230 /],
		["bench-scale", /^usage: npm run bench:scale /],
		["bench-load", /^usage: npm run bench:load /],
		["test-load", /^usage: npm run test:load /],
		["smoke", /^usage: npm run smoke -- <base-url> /],
		["check-migrations", /^usage: npm run check:migrations /],
		["deploy-gradual", /^usage: npm run deploy:gradual -- --env staging\|production /],
		["lint-workflows", /^usage: npm run lint:workflows/],
		// Before any browser or stack starts: it used to run the whole walk.
		["test/browser/browse-the-site.ts", /^usage: npm run test:browser /],
	])("%s --help prints its usage and exits 0", (script, usage) => {
		const help = run(script, ["--help"]);
		expect(help).toMatchObject({ code: 0, stderr: "" });
		expect(help.stdout).toMatch(usage);
	});

	it("answers a bad flag with one line and the usage, exit 1", () => {
		const unknown = run("bench-api", ["--durtion", "5"]);
		expect(unknown.code).toBe(1);
		// Node's own hint leaves a quote open: the line is the loader's own.
		expect(unknown.stderr.trim().split("\n")).toEqual([
			"bench:api: unknown option --durtion",
			expect.stringMatching(/^usage: npm run bench:api /),
		]);
		const loader = run("load", ["--bogus", "x.csv"]);
		expect(loader).toMatchObject({
			code: 1,
			stderr: expect.stringMatching(
				/^db:load: unknown option --bogus\nusage: npm run db:load -- <file\.csv> /,
			),
		});
		const malformed = run("test-load", ["--duration", "ten"]);
		expect(malformed.stderr).toMatch(
			/^test:load: --duration must be a whole number ≥ 1 \(got "ten"\)\nusage: /,
		);
	});

	it("names the variable, never its value, when DATABASE_URL is not a Postgres URL", () => {
		for (const script of ["migrate", "load", "dev"]) {
			const args = script === "load" ? [csvFile(rowsCsv(1, "Url"))] : [];
			const result = run(script, args, { DATABASE_URL: "not-a-url-s3cret", PORT: "1" });
			expect(result.code).toBe(1);
			expect(result.stderr).toMatch(/DATABASE_URL is not a Postgres URL: expected postgres:\/\//);
			expect(result.stderr).not.toContain("s3cret");
		}
	});

	it("db:load names a missing file before it says it is loading", () => {
		const result = run("load", ["../nonexistent.csv"], { DATABASE_URL: inject("databaseUrl") });
		expect(result.code).toBe(1);
		expect(result.stderr).toBe("db:load: no such file: ../nonexistent.csv\n");
	});

	it("db:migrate says whether it applied anything", async () => {
		expect(await migrateDatabase(inject("databaseUrl"))).toEqual([]);
		const again = run("migrate", [], { DATABASE_URL: inject("databaseUrl") });
		expect(again.code).toBe(0);
		expect(again.stdout).toMatch(/^db:migrate: .* was up to date; nothing applied$/m);
	});

	it("db:load before db:migrate says to migrate first", async () => {
		const database = await createScratchDatabase(process.env.TEST_DATABASE_URL, "titanic_unmigrated");
		try {
			const result = await runLoader([csvFile(rowsCsv(1, "Unmigrated"))], { DATABASE_URL: database.url });
			expect(result.code).toBe(2);
			expect(result.stderr).toMatch(/no passenger tables yet: run npm run db:migrate first/);
		} finally {
			await database.drop();
		}
	}, 30_000);
});
