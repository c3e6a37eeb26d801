import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { journalOf, MIGRATIONS_FOLDER } from "../../../src/tools/migrate";
import {
	migrateUnderRelease,
	type RunningRelease,
	smokeRelease,
	startRelease,
} from "../../../src/tools/release-check/against-release";
import { checkOutRelease, findRelease, type ReleaseCheckout } from "../../../src/tools/release-check/release";

const scratch = mkdtempSync(join(tmpdir(), "titanic-migrations-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** This checkout's migrations plus one more, as drizzle-kit would add it. */
function withMigration(tag: string, sql: string): string {
	const folder = join(scratch, tag);
	cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
	const entries = journalOf(folder);
	const journal = JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8"));
	journal.entries.push({
		idx: entries.length,
		version: "7",
		when: (entries.at(-1)?.when ?? 0) + 1,
		tag,
		breakpoints: true,
	});
	writeFileSync(join(folder, "meta/_journal.json"), JSON.stringify(journal));
	writeFileSync(join(folder, `${tag}.sql`), sql);
	return folder;
}

const failures = (results: { name: string; ok: boolean; detail: string }[]) =>
	results.filter((result) => !result.ok).map((result) => `${result.name}: ${result.detail}`);

describe("the release check behind npm run check:migrations", () => {
	let release: ReleaseCheckout;
	beforeAll(() => {
		release = checkOutRelease(findRelease("HEAD"), MIGRATIONS_FOLDER);
	}, 60_000);
	afterAll(() => release?.remove());

	it("passes an additive migration: a nullable column the release does not know", async () => {
		const expand = withMigration("0099_expand", 'ALTER TABLE "passengers" ADD COLUMN "cabin" text;');
		const results = await smokeRelease(release, expand);
		expect(failures(results)).toEqual([]);
		expect(results[0]).toEqual({
			name: "new migrations on the release's data",
			ok: true,
			detail: "0099_expand",
		});
	}, 120_000);

	describe("with one release running for both (a failed migration leaves the database as it was)", () => {
		let running: RunningRelease;
		beforeAll(async () => {
			running = await startRelease(release);
		}, 120_000);
		afterAll(() => running?.stop());

		it("fails a new NOT NULL column without a default on the release's data", async () => {
			const notNull = withMigration(
				"0099_not_null",
				'ALTER TABLE "passengers" ADD COLUMN "cabin" text NOT NULL;',
			);
			expect(failures(await migrateUnderRelease(running, notNull))).toEqual([
				`new migrations on the release's data: column "cabin" of relation "passengers" contains null values (23502)`,
			]);
		});

		// Before any smoke read: the release's read cache would answer a stored list in place of
		// the failing database (stale-if-error), as it would for clients.
		it("fails a dropped column the release still reads, naming the check", async () => {
			const contract = withMigration("0099_contract", 'ALTER TABLE "passengers" DROP COLUMN "fare";');
			const failed = failures(await migrateUnderRelease(running, contract));
			expect(failed[0]).toMatch(/^read: GET \/people\?limit=1 answered 5\d\d$/);
		});
	});

	it("refuses migrations that edit one the release shipped", () => {
		const edited = withMigration("0099_any", "SELECT 1;");
		writeFileSync(
			join(edited, "0000_init.sql"),
			`${readFileSync(join(edited, "0000_init.sql"), "utf8")}\n-- edited`,
		);
		expect(() => checkOutRelease(findRelease("HEAD"), edited)).toThrow(
			"migration 0000_init of release HEAD was changed or removed",
		);
	});

	it("names a release that is not a commit", () => {
		expect(() => findRelease("v0.0.0-none")).toThrow(
			"no release to check against: v0.0.0-none is not a commit here",
		);
	});
});
