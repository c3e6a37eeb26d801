import { describe, expect, it } from "vitest";
import { CliError, EXIT, wholeNumberFlag } from "../../../src/tools/lib/cli";

describe("wholeNumberFlag", () => {
	it("takes a whole number at or above the minimum", () => {
		expect(wholeNumberFlag("rows", "1000000")).toBe(1_000_000);
		expect(wholeNumberFlag("bad-requests", "0", 0)).toBe(0);
	});

	it.each([undefined, "", "0", "-1", "1.5", "1e3", " 5", "ten"])(
		"refuses %j with one line naming the flag",
		(value) => {
			expect(() => wholeNumberFlag("rows", value)).toThrow(CliError);
			expect(() => wholeNumberFlag("rows", value)).toThrow(/^--rows must be a whole number ≥ 1 \(got /);
			try {
				wholeNumberFlag("rows", value);
			} catch (error) {
				expect((error as CliError).exitCode).toBe(EXIT.invalidInput);
			}
		},
	);
});
