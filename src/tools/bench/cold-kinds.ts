import type { Person } from "../../db/person.schemas";
import type { FirstRequest } from "./cold-start";
import { BENCH_API_TOKEN } from "./passenger-database";
import { syntheticPerson } from "./synthetic-passengers";

// The kinds of first request bench:cold measures, and what each answer must show.

export const CLIENT = { "cf-connecting-ip": "203.0.113.7" };
/** Sample `n`'s request as Cloudflare hands it to a worker: with its client's address and a Ray ID. */
const client = (n: number) => ({
	...CLIENT,
	"cf-ray": `${(0x8f0000000000 + n).toString(16).padStart(16, "0")}-LHR`,
});
const cacheStatus = (response: Response) => response.headers.get("Cache-Status") ?? "";
export const HIT = "GET /people/{uuid}, a cache hit";
export const LIST = "GET /people?limit=…, from the database (a cache miss)";

/** The kinds of first request, in the order each sample runs them: the read stores what the hit reads. */
export function firstRequests(people: Person[]): FirstRequest[] {
	const person = (n: number) => `/people/${people[n % people.length]?.uuid}`;
	return [
		{
			name: "GET /healthz",
			request: (n) => ({ path: "/healthz", init: { headers: client(n) } }),
			expect: (r) => r.ok,
		},
		{
			name: "GET /people/{uuid}, from the database (a cache miss)",
			request: (n) => ({ path: person(n), init: { headers: client(n) } }),
			expect: (r) => r.ok && cacheStatus(r).includes("fwd=uri-miss"),
		},
		{
			// Through the whole API: its routes, zod and the schemas.
			name: LIST,
			request: (n) => ({ path: `/people?limit=${10 + n}`, init: { headers: client(n) } }),
			expect: (r) => r.ok && cacheStatus(r).includes("fwd=uri-miss"),
		},
		{
			name: HIT,
			request: (n) => ({ path: person(n), init: { headers: client(n) } }),
			expect: (r) => r.ok && /\bhit\b/.test(cacheStatus(r)),
		},
		{
			name: "POST /people",
			request: (n) => ({
				path: "/people",
				init: {
					method: "POST",
					headers: {
						...client(n),
						"content-type": "application/json",
						authorization: `Bearer ${BENCH_API_TOKEN}`,
					},
					body: JSON.stringify(syntheticPerson(n)),
				},
			}),
			expect: (r) => r.status === 201,
		},
	];
}
