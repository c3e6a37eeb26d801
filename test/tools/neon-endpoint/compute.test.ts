import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { Compute } from "../../../src/tools/neon-endpoint/compute";

/** How long `enter` took, in milliseconds; leaves at once. */
async function entering(compute: Compute): Promise<number> {
	const started = performance.now();
	await compute.enter();
	compute.leave();
	return performance.now() - started;
}

describe("the endpoint's compute", () => {
	it("never sleeps without a cold start", async () => {
		const compute = new Compute();
		expect(await entering(compute)).toBeLessThan(20);
		expect(compute.wakes).toBe(0);
	});

	it("wakes once for every query that arrives while it is suspended, and stays awake while used", async () => {
		const compute = new Compute({ suspendAfterMs: 100, wakeMs: 200 });
		await sleep(120);
		const together = await Promise.all([entering(compute), entering(compute), entering(compute)]);
		for (const waited of together) expect(waited).toBeGreaterThanOrEqual(190);
		expect(compute.wakes).toBe(1);
		expect(await entering(compute)).toBeLessThan(20);
		await sleep(120);
		expect(await entering(compute)).toBeGreaterThanOrEqual(190);
		expect(compute.wakes).toBe(2);
	});

	it("does not suspend while a query runs, however long", async () => {
		const compute = new Compute({ suspendAfterMs: 50, wakeMs: 200 });
		await sleep(60);
		await compute.enter();
		await sleep(100);
		expect(await entering(compute)).toBeLessThan(20);
		compute.leave();
		expect(compute.wakes).toBe(1);
	});
});
