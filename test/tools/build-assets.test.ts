import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assetsCurrent, buildAssets } from "../../src/tools/build-assets";

const scratch = mkdtempSync(join(tmpdir(), "titanic-assets-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("buildAssets", () => {
	it("leaves files whose bytes are there alone, so a running dev keeps serving them; replaces changed ones and removes stale ones", () => {
		const folder = join(scratch, "assets");
		buildAssets(folder);
		const spec = join(folder, "openapi.json");
		const before = statSync(spec);
		writeFileSync(join(folder, "site.css"), "edited");
		writeFileSync(join(folder, "stale.txt"), "from an older build");
		buildAssets(folder);
		const after = statSync(spec);
		expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
		expect(readFileSync(join(folder, "site.css"), "utf8")).toBe(readFileSync("src/assets/site.css", "utf8"));
		expect(existsSync(join(folder, "stale.txt"))).toBe(false);
		expect(existsSync(join(folder, "docs/vendor/swagger-ui-bundle.js"))).toBe(true);
	}, 60_000);

	it("knows whether they were built since the sources last changed", () => {
		const folder = join(scratch, "stamped");
		expect(assetsCurrent(folder)).toBe(false);
		buildAssets(folder);
		expect(assetsCurrent(folder)).toBe(true);
		// As though built before the last edit to the sources.
		utimesSync(`${folder}.built`, new Date(0), new Date(0));
		expect(assetsCurrent(folder)).toBe(false);
	}, 60_000);
});
