import { describe, expect, it } from "vitest";
import { preferences, preferred, RETURN_PREFERENCES } from "../../src/lib/prefer";

describe("the Prefer header", () => {
	it("reads each preference's name and value, lower-cased, the first of a repeated one, parameters aside", () => {
		expect([
			...preferences('Return=Minimal; x=1, count="exact", return=representation, respond-async'),
		]).toEqual([
			["return", "minimal"],
			["count", "exact"],
			["respond-async", ""],
		]);
		expect(preferences(undefined).size).toBe(0);
	});

	it("answers only a value the route knows", () => {
		expect(preferred("return=headers-only", "return", RETURN_PREFERENCES)).toBe("headers-only");
		expect(preferred("return=everything", "return", RETURN_PREFERENCES)).toBeUndefined();
		expect(preferred("count=exact", "return", RETURN_PREFERENCES)).toBeUndefined();
	});
});
