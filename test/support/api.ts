import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { NewPerson, Person } from "../../src/db/person.schemas";
import app from "../../src/index";
import { neonClient } from "../../src/lib/db";
import { INSERT_PERSON, insertParams, samplePerson } from "./sample-person";

export const ORIGIN = "http://api.test";

/**
 * A request to the worker, through its real fetch handler inside workerd. Each comes from
 * an address of its own unless it names one, so the rate limits stay out of the way.
 */
export function api(path: string, init?: RequestInit): Promise<Response> {
	const request = new Request(`${ORIGIN}${path}`, init);
	if (!request.headers.has("CF-Connecting-IP")) request.headers.set("CF-Connecting-IP", randomAddress());
	return exports.default.fetch(request);
}

const contexts: ExecutionContext[] = [];

/** The worker under another configuration, as staging or production would run it. */
export async function withEnv(overrides: Partial<Env>, path: string, init: RequestInit = {}) {
	const request = new Request(`${ORIGIN}${path}`, init);
	if (!request.headers.has("CF-Connecting-IP")) request.headers.set("CF-Connecting-IP", randomAddress());
	const context = createExecutionContext();
	contexts.push(context);
	return app.fetch(request, { ...env, ...overrides }, context);
}

/** Waits for what withEnv's requests left running after they answered (waitUntil). */
export async function backgroundWork(): Promise<void> {
	await Promise.all(contexts.splice(0).map((context) => waitOnExecutionContext(context)));
}

export function randomAddress(): string {
	return `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 256)).join(".")}`
		.split(".")
		.slice(0, 4)
		.join(".");
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
	const response = await fetch(new URL("stats", env.NEON_HTTP_ENDPOINT));
	return ((await response.json()) as { roundTrips: number }).roundTrips;
}

/** Direct SQL through the Neon driver, to check the API against the database itself. */
export function sql(query: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
	return neonClient(env).query(query, params) as Promise<Record<string, unknown>[]>;
}

/** A person written straight to the database, as through another location: no read cache here holds it. */
export async function insertedElsewhere(overrides: Partial<NewPerson> = {}): Promise<Person> {
	const person = { ...samplePerson(overrides), uuid: crypto.randomUUID() };
	await sql(INSERT_PERSON, insertParams(person));
	return person;
}

/** A person's fare changed straight in the database, as by a write at another location. */
export async function fareChangedElsewhere(uuid: string, fare: number): Promise<void> {
	await sql("UPDATE passengers SET fare = $2, version = nextval('passenger_versions') WHERE uuid = $1", [
		uuid,
		fare,
	]);
}

/** The statements (with parameters) of the latest round trip the local Neon endpoint served. */
export async function lastStatements(): Promise<{ query: string; params?: unknown[] }[]> {
	const response = await fetch(new URL("queries", env.NEON_HTTP_ENDPOINT));
	return ((await response.json()) as { query: string; params?: unknown[] }[][]).at(-1) ?? [];
}

export interface PlanNode {
	"Node Type": string;
	"Index Name"?: string;
	"Relation Name"?: string;
	Plans?: PlanNode[];
}

/**
 * The plan Postgres chooses for a statement with some of its methods turned off
 * (`enable_seqscan`, …): at the tests' 887 rows a sequential scan and a sort are cheapest,
 * so this asks which index would serve the statement instead.
 */
export async function planWithout(
	methods: string[],
	query: string,
	params: unknown[] = [],
): Promise<PlanNode> {
	const db = neonClient(env);
	const results = await db.transaction([
		...methods.map((method) => db.query(`SET LOCAL ${method} = off`)),
		db.query(`EXPLAIN (FORMAT JSON) ${query}`, params),
	]);
	const [explained] = results.at(-1) as { "QUERY PLAN": { Plan: PlanNode }[] }[];
	return explained?.["QUERY PLAN"][0]?.Plan as PlanNode;
}
