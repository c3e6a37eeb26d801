import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { otherCheckout, ROOT, shortCommit } from "../../../src/tools/lib/checkout";
import { CliError } from "../../../src/tools/lib/cli";

describe("another checkout", () => {
	it("is a folder with the project's wrangler.toml and its dependencies installed", () => {
		expect(otherCheckout("--against", join(ROOT, "src", ".."))).toBe(join(ROOT, "."));
		const empty = mkdtempSync(join(tmpdir(), "not-a-checkout-"));
		try {
			expect(() => otherCheckout("--against", empty)).toThrow(CliError);
			expect(() => otherCheckout("--against", empty)).toThrow(
				/--against .*: not a checkout .*\(npm ci there\)/,
			);
		} finally {
			rmSync(empty, { recursive: true });
		}
	});

	it("is named by its commit", () => {
		expect(shortCommit(ROOT)).toMatch(/^[0-9a-f]{7,}$/);
	});
});
