import { env, exports } from "cloudflare:workers";
import { neon, neonConfig } from "@neondatabase/serverless";
import type { Person } from "../../src/db/person.schemas";

export const ORIGIN = "http://api.test";

/** A request to the worker, through its real fetch handler inside workerd. */
export function api(path: string, init?: RequestInit): Promise<Response> {
	return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}

export function sendJson(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
	return api(path, {
		method,
		body: typeof body === "string" ? body : JSON.stringify(body),
		headers: { "Content-Type": "application/json", ...headers },
	});
}

/** The SQL round trips the local Neon endpoint has served so far. */
export async function roundTrips(): Promise<number> {
	const response = await fetch(new URL("/stats", env.NEON_HTTP_ENDPOINT));
	return ((await response.json()) as { roundTrips: number }).roundTrips;
}

/** Direct SQL through the Neon driver, to check the API against the database itself. */
export function sql(query: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
	neonConfig.fetchEndpoint = env.NEON_HTTP_ENDPOINT;
	return neon(env.DATABASE_URL).query(query, params) as Promise<Record<string, unknown>[]>;
}

export async function allPeople(): Promise<Person[]> {
	return (await (await api("/people?limit=1000")).json()) as Person[];
}
