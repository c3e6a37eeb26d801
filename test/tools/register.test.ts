import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, TOOL_RUNNER } from "../../src/tools/lib/checkout";

const DRIZZLE = join(ROOT, "node_modules/drizzle-orm");
const RELATIVE = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*["'](\.{1,2}\/[^"']*)["']/g;

describe("how the tools run (src/tools/register.ts)", () => {
	it("finds drizzle-orm's modules by path alone: they import each other by relative paths with extensions", () => {
		const files = readdirSync(DRIZZLE, { recursive: true, encoding: "utf8" }).filter((path) =>
			/\.(c|m)?js$/.test(path),
		);
		const specifiers = files.flatMap((path) =>
			[...readFileSync(join(DRIZZLE, path), "utf8").matchAll(RELATIVE)].map((match) => match[1] ?? ""),
		);
		expect(specifiers.length).toBeGreaterThan(1_000);
		expect(specifiers.filter((specifier) => !/\.(c|m)?js$/.test(specifier))).toEqual([]);
	});

	it("loads the project's modules as the bundler does: paths without extensions, folders, JSON, .tsx pages", () => {
		const program = `
			import journal from "./drizzle/meta/_journal.json";
			import { Layout } from "./src/lib/html-layout";
			import * as cache from "./src/lib/edge-cache";
			const page = String(Layout({ title: "Hi", children: "body" }));
			console.log(JSON.stringify({ migrations: journal.entries.length > 0, page, cache: Object.keys(cache).length > 0 }));
		`;
		const run = spawnSync(process.execPath, [...TOOL_RUNNER, "--input-type=module", "-e", program], {
			cwd: ROOT,
			encoding: "utf8",
		});
		expect(run.stderr).toBe("");
		const loaded = JSON.parse(run.stdout);
		expect(loaded).toMatchObject({ migrations: true, cache: true });
		expect(loaded.page).toMatch(
			/^<!DOCTYPE html><html lang="en">.*<title>Hi · Titanic people API<\/title>.*body/,
		);
	});

	it("gives a tool drizzle-orm whole: one copy of each module, queries as drizzle builds them", () => {
		const program = `
			import { eq, is, SQL, sql } from "drizzle-orm";
			import { PgDialect, pgTable, text } from "drizzle-orm/pg-core";
			import { drizzle } from "drizzle-orm/neon-http";
			const people = pgTable("people", { name: text("name") });
			const { sql: statement, params } = new PgDialect().sqlToQuery(eq(people.name, "Ann").getSQL());
			console.log(JSON.stringify({ same: is(sql\`1\`, SQL), statement, params, drizzle: typeof drizzle }));
		`;
		const run = spawnSync(process.execPath, [...TOOL_RUNNER, "--input-type=module", "-e", program], {
			cwd: ROOT,
			encoding: "utf8",
		});
		expect(run.stderr).toBe("");
		expect(JSON.parse(run.stdout)).toEqual({
			same: true,
			statement: '"people"."name" = $1',
			params: ["Ann"],
			drizzle: "function",
		});
	});
});
