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

/** Waits until an answer stored with TEST_TTL_SECONDS of freshness is stale. */
export const pastFreshness = () => new Promise((resolve) => setTimeout(resolve, 2_100));

/** A person created through the API (this location). */
export async function created(overrides: Partial<Person> = {}): Promise<Person> {
	return (await (await sendJson("POST", "/people", samplePerson(overrides))).json()) as Person;
}
