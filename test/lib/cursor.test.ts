import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../../src/lib/cursor";

describe("cursors", () => {
	it("give back what they carry, URL-safe", async () => {
		const payload = { sort: "-name", before: true, at: ["Mr. Owen Harris Braund ü 😀", 17] };
		const cursor = await encodeCursor(payload);
		expect(cursor).toMatch(/^[\w-]+$/);
		expect(await decodeCursor(cursor)).toEqual(payload);
	});

	it("refuse any edit, a cut and what is not a cursor", async () => {
		const cursor = await encodeCursor({ sort: "age", before: false, at: [22, 1] });
		// Every character but the last, whose low bits may be base64 padding that decodes to nothing.
		for (let i = 0; i < cursor.length - 1; i++) {
			const edited = cursor.slice(0, i) + (cursor[i] === "A" ? "B" : "A") + cursor.slice(i + 1);
			if (edited !== cursor) expect(await decodeCursor(edited)).toBeUndefined();
		}
		expect(await decodeCursor(cursor.slice(0, -1))).toBeUndefined();
		for (const other of ["", "a", "%%%", "eyJzb3J0IjoiIn0", "not a cursor"]) {
			expect(await decodeCursor(other)).toBeUndefined();
		}
	});
});
