import { describe, expect, it } from "vitest";
import { afterWrite, bookmarkOf, includes, stateOfBookmark, stateOfSnapshot } from "../../src/lib/bookmark";

describe("database states and their bookmarks", () => {
	it("reads Postgres' snapshot text", () => {
		expect(stateOfSnapshot("855:855:")).toEqual({ xmax: 855, running: [] });
		expect(stateOfSnapshot("850:860:857,851")).toEqual({ xmax: 860, running: [851, 857] });
	});

	it("knows which states show everything another does", () => {
		const quiet = stateOfSnapshot("900:900:");
		const busy = stateOfSnapshot("880:905:880,902");
		expect(includes(quiet, quiet)).toBe(true);
		// 880 still ran when `busy` was taken, and had settled long before `quiet`.
		expect(includes(busy, quiet)).toBe(false);
		expect(includes(quiet, busy)).toBe(false);
		const later = stateOfSnapshot("902:910:902");
		expect(includes(later, busy)).toBe(true);
		// `busy` saw 903 committed: a state in which it still runs does not show `busy`.
		expect(includes(stateOfSnapshot("902:910:902,903"), busy)).toBe(false);
	});

	it("adds a write to what its statement saw, and nothing that ran beside it", () => {
		const seen = stateOfSnapshot("700:702:700");
		const after = afterWrite(seen, 704);
		expect(after).toEqual({ xmax: 705, running: [700, 702, 703] });
		// A state that shows the write shows its bookmark; one taken before the write does not.
		expect(includes(stateOfSnapshot("705:705:"), after)).toBe(true);
		expect(includes(stateOfSnapshot("704:704:"), after)).toBe(false);
		expect(includes(stateOfSnapshot("702:706:704"), after)).toBe(false);
		// Transactions that ran beside the write are not asked for.
		expect(includes(stateOfSnapshot("700:706:700,702,703"), after)).toBe(true);
	});

	it("writes a state as a short bookmark and reads it back", () => {
		for (const state of [
			{ xmax: 1, running: [] },
			{ xmax: 123_456_789, running: [123_456_700, 123_456_788] },
			{ xmax: 2 ** 52, running: [2 ** 52 - 5] },
		]) {
			const bookmark = bookmarkOf(state);
			expect(bookmark).toMatch(/^[0-9a-z.]+$/);
			expect(stateOfBookmark(bookmark)).toEqual(state);
		}
		expect(bookmarkOf({ xmax: 1000, running: [990] })).toBe("rs.a");
	});

	it("keeps a bookmark short when many transactions run: the newest are then asked for too", () => {
		const crowded = stateOfSnapshot(`100:200:${Array.from({ length: 50 }, (_, i) => 100 + i).join(",")}`);
		expect(crowded.running).toHaveLength(32);
		expect(stateOfBookmark(bookmarkOf(crowded))).toEqual(crowded);
		// Stricter: a state where the 18 newest still run does not show it.
		expect(includes(stateOfSnapshot("100:200:100,149"), crowded)).toBe(false);
	});

	it.each(["", "K3", "1..2", "1.0", "5.6", "1.2.3-", "a".repeat(12), `1${".1".repeat(33)}`, "zzzzzzzzzzz"])(
		"refuses %j as a bookmark",
		(bookmark) => {
			expect(stateOfBookmark(bookmark)).toBeUndefined();
		},
	);
});
