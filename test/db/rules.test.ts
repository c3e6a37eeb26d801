import { z } from "@hono/zod-openapi";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UUID_PATTERN } from "../../src/db/rules";

const uuid = new RegExp(`^(${UUID_PATTERN})$`);
const routeUuid = z.uuid();

describe("UUID_PATTERN", () => {
	it("takes what the routes' z.uuid() takes and refuses what it refuses", () => {
		const digit = fc.constantFrom(..."0123456789abcdefABCDEF");
		const block = (length: number) =>
			fc.array(digit, { minLength: length, maxLength: length }).map((digits) => digits.join(""));
		// Any version and variant digit, so that both verdicts come up often.
		const uuidShaped = fc.tuple(block(8), block(4), block(4), block(4), block(12)).map((b) => b.join("-"));
		const special = fc.constantFrom(
			"00000000-0000-0000-0000-000000000000",
			"ffffffff-ffff-ffff-ffff-ffffffffffff",
			"FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
			"0d1a7a3e-5b8f-4a4e-9a43-1c2d3e4f5a6b\n",
		);
		const text = fc.oneof(uuidShaped, fc.uuid(), special, fc.string());
		fc.assert(
			fc.property(text, (given) => uuid.test(given) === routeUuid.safeParse(given).success),
			{ numRuns: 3000 },
		);
	});

	it("refuses a version 0 uuid and takes an upper-case one, as the routes do", () => {
		expect(uuid.test("0d1a7a3e-5b8f-0a4e-9a43-1c2d3e4f5a6b")).toBe(false);
		expect(uuid.test("0D1A7A3E-5B8F-4A4E-9A43-1C2D3E4F5A6B")).toBe(true);
	});
});
