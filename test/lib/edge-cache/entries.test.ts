import { afterEach, describe, expect, it, vi } from "vitest";
import { ageOf, cacheStatus, fromCache, store } from "../../../src/lib/edge-cache/entries";
import { useAt } from "../../../src/lib/edge-cache/lifetimes";

const key = () => `https://entries.test/${crypto.randomUUID()}`;

async function storedAnswer(): Promise<Response> {
	const at = key();
	await store(caches.default, at, Response.json({ fare: 10 }, { headers: { ETag: '"e1"' } }), 60);
	const stored = await caches.default.match(at);
	if (!stored) throw new Error("the cache kept nothing");
	return stored;
}

describe("a stored answer", () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it("is as old as the worker's clock says since it was stored, in whole seconds", async () => {
		vi.useFakeTimers({ toFake: ["Date"] });
		const stored = await storedAnswer();
		expect(ageOf(stored)).toBe(0);
		vi.setSystemTime(Date.now() + 2_999);
		expect(ageOf(stored)).toBe(2);
		vi.setSystemTime(Date.now() + 1);
		expect(ageOf(stored)).toBe(3);
	});

	it("counts as past every use when nothing says when it was stored", async () => {
		const at = key();
		await caches.default.put(at, new Response("{}", { headers: { "Cache-Control": "max-age=60" } }));
		const unstamped = await caches.default.match(at);
		expect(unstamped).toBeDefined();
		const age = ageOf(unstamped as Response);
		expect(useAt(age, { fresh: 60, stale: 600, ifError: 86_400 })).toBe("expired");
	});

	it("is answered with its Age and Cache-Status, and without the cache's own marks", async () => {
		const answer = fromCache(await storedAnswer(), 60, undefined, (ttl) => cacheStatus("hit", `ttl=${ttl}`));
		expect(answer.status).toBe(200);
		expect(await answer.json()).toEqual({ fare: 10 });
		expect(answer.headers.get("Age")).toBe("0");
		expect(answer.headers.get("Cache-Status")).toBe("titanic-people-api; hit; ttl=60");
		expect([...answer.headers.keys()].filter((name) => /stored|cf-cache/i.test(name))).toEqual([]);
	});

	it("is a 304 to a client that holds it", async () => {
		const answer = fromCache(await storedAnswer(), 60, '"e1"', () => cacheStatus("hit"));
		expect(answer.status).toBe(304);
		expect(answer.headers.get("ETag")).toBe('"e1"');
		expect(answer.headers.get("Age")).toBe("0");
	});
});
