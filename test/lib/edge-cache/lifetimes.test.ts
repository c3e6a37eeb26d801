import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { lifetimesOf, retentionOf, useAt } from "../../../src/lib/edge-cache/lifetimes";

describe("the lifetimes of a stored answer", () => {
	const lifetimes = { fresh: 60, stale: 600, ifError: 86_400 };

	it("serve it fresh, then stale with a refresh, then only in place of an error, then never", () => {
		expect([0, 59, 60, 659, 660, 86_399, 86_400].map((age) => useAt(age, lifetimes))).toEqual([
			"fresh",
			"fresh",
			"stale",
			"stale",
			"if-error",
			"if-error",
			"expired",
		]);
		expect(retentionOf(lifetimes)).toBe(86_400);
	});

	it("switch off: no stale serving and no stale-if-error leave freshness alone", () => {
		const off = { fresh: 10, stale: 0, ifError: 0 };
		expect([9, 10].map((age) => useAt(age, off))).toEqual(["fresh", "expired"]);
		expect(retentionOf(off)).toBe(10);
		expect(retentionOf({ fresh: 10, stale: 60, ifError: 30 })).toBe(70);
	});

	it("come from the environment's settings", () => {
		expect(lifetimesOf(env)).toEqual({
			fresh: Number(env.CACHE_TTL_SECONDS),
			stale: Number(env.CACHE_STALE_SECONDS),
			ifError: Number(env.CACHE_STALE_IF_ERROR_SECONDS),
		});
	});
});
