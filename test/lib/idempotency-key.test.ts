import { describe, expect, it } from "vitest";
import { idempotencyKeyOf, sha256Hex } from "../../src/lib/idempotency-key";

describe("the Idempotency-Key header", () => {
	it("takes a Structured Fields string, as the draft writes it, or a bare token", () => {
		expect(idempotencyKeyOf('"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toBe(
			"8e03978e-40d5-43e8-bc93-6894a57f9324",
		);
		expect(idempotencyKeyOf(" order-42 ")).toBe("order-42");
		expect(idempotencyKeyOf('"with space"')).toBe("with space");
	});

	it("refuses empty, over-long, non-ASCII and half-quoted keys", () => {
		for (const header of ["", '""', "x".repeat(256), "naïve", '"open', 'a"b', "two words"]) {
			expect(idempotencyKeyOf(header), header).toBeUndefined();
		}
	});

	it("digests text as SHA-256 in hex", async () => {
		expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	});
});
