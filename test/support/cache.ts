import { onTestFinished, vi } from "vitest";
import type { Person } from "../../src/db/person.schemas";
import { roundTrips, sendJson } from "./api";
import { samplePerson } from "./sample-person";

/** The response, its body, and the database round trips it cost. */
export async function counted(request: () => Response | Promise<Response>) {
	const before = await roundTrips();
	const response = await request();
	const body = await response.text();
	return { response, body, roundTrips: (await roundTrips()) - before };
}

/**
 * The freshness the stale-serving tests give an answer: two seconds, so that a read right
 * after a store finds it fresh even on a slow, busy machine.
 */
export const TEST_TTL_SECONDS = "2";

/**
 * Makes every answer stored so far stale under TEST_TTL_SECONDS, as waiting that long would:
 * moves this isolate's clock on, which is all the cache dates and ages its answers by
 * (src/lib/edge-cache/entries.ts). The Cache API's own expiry, the stored max-age, runs on
 * the real clock and keeps them. The clock runs on from there and is put back when the test
 * ends; answers stored meanwhile stay fresh a little longer, never less.
 */
export function pastFreshness(): void {
	if (!vi.isFakeTimers()) {
		vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
		onTestFinished(() => {
			vi.useRealTimers();
		});
	}
	vi.setSystemTime(Date.now() + 2_100);
}

/** A person created through the API (this location). */
export async function created(overrides: Partial<Person> = {}): Promise<Person> {
	return (await (await sendJson("POST", "/people", samplePerson(overrides))).json()) as Person;
}
