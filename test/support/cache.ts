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

/** Waits until an answer stored with a freshness of one second (CACHE_TTL_SECONDS "1") is stale. */
export const pastFreshness = () => new Promise((resolve) => setTimeout(resolve, 1_100));

/** A person created through the API (this location). */
export async function created(overrides: Partial<Person> = {}): Promise<Person> {
	return (await (await sendJson("POST", "/people", samplePerson(overrides))).json()) as Person;
}
