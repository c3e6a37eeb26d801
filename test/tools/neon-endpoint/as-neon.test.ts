import { Client, neon, neonConfig } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import ws from "ws";
import { pointDriverAtLocalEndpoint } from "../../../src/tools/neon-endpoint/point-driver";
import { type NeonEndpoint, startNeonEndpoint } from "../../../src/tools/neon-endpoint/server";
import { MAX_RESPONSE_BYTES } from "../../../src/tools/neon-endpoint/sql-over-http";
import { INSERT_PERSON, insertParams, samplePerson } from "../../support/sample-person";

// The local endpoint where it used to differ from Neon's proxy (neondatabase/neon,
// proxy/src/serverless): each test failed before the endpoint was changed to match.

const databaseUrl = inject("databaseUrl");
const embedded = inject("embeddedDatabase");
// One connection, so that every request meets the session the one before it left.
let endpoint: NeonEndpoint;

beforeAll(async () => {
	endpoint = await startNeonEndpoint({ databaseUrl, maxConnections: 1 });
	neonConfig.fetchEndpoint = endpoint.httpUrl;
	neonConfig.webSocketConstructor = ws;
	pointDriverAtLocalEndpoint(neonConfig, endpoint.webSocketHost);
});

afterAll(() => endpoint.close());

const failure = (work: Promise<unknown>) =>
	work.then(
		() => undefined,
		(error: unknown) => error,
	);
const withUrl = (changes: Partial<Pick<URL, "password" | "hostname">>) =>
	Object.assign(new URL(databaseUrl), changes).toString();
const named = async (name: string) =>
	(await neon(databaseUrl).query("SELECT count(*)::int AS n FROM passengers WHERE name = $1", [name]))[0]?.n;

describe("the local Neon endpoint answers as Neon does", () => {
	it("refuses connection strings without a password or a host name, and a wrong password, with an empty SQLSTATE", async () => {
		const cases: [string, string][] = [
			[withUrl({ password: "" }), "missing authentication credentials: required password"],
			[withUrl({ hostname: "127.0.0.1" }), "missing hostname"],
		];
		for (const [url, message] of cases) {
			expect(await failure(neon(url).query("SELECT 1"))).toMatchObject({ message, code: "" });
		}
		const guarded = await startNeonEndpoint({ databaseUrl: withUrl({ password: "right" }) });
		try {
			const wrong = await fetch(guarded.httpUrl, {
				method: "POST",
				body: '{"query":"SELECT 1"}',
				headers: { "Neon-Connection-String": withUrl({ password: "wrong" }) },
			});
			expect([wrong.status, await wrong.json()]).toEqual([
				400,
				{ message: `password authentication failed for user '${new URL(databaseUrl).username}'`, code: "" },
			]);
		} finally {
			await guarded.close();
		}
	});

	it("runs every statement in the extended protocol: two statements are an error, and neither runs", async () => {
		const [first, second] = [samplePerson(), samplePerson()];
		const both = `INSERT INTO passengers (name, sex, age, passenger_class, siblings_or_spouses_aboard, parents_or_children_aboard, fare)
			VALUES ('${first.name}', 'male', 1, 1, 0, 0, 1); INSERT INTO passengers (name, sex, age, passenger_class,
			siblings_or_spouses_aboard, parents_or_children_aboard, fare) VALUES ('${second.name}', 'male', 1, 1, 0, 0, 1)`;
		expect(await failure(neon(databaseUrl).query(both))).toMatchObject({ code: "42601" });
		expect([await named(first.name), await named(second.name)]).toEqual([0, 0]);
		expect(await failure(neon(databaseUrl).query("SELECT $1::int"))).toMatchObject({ code: "08P01" });
	});

	it("refuses an answer larger than Neon sends (507)", async () => {
		const error = await failure(neon(databaseUrl).query(`SELECT repeat('x', ${MAX_RESPONSE_BYTES + 1})`));
		expect(String(error)).toMatch(/^NeonDbError: Server error \(HTTP status 507\): .*response is too large/);
	});

	it("refuses an invalid isolation level, and takes a query's own arrayMode over the header's", async () => {
		const post = (headers: Record<string, string>, body: unknown) =>
			fetch(endpoint.httpUrl, {
				method: "POST",
				body: JSON.stringify(body),
				headers: { "Neon-Connection-String": databaseUrl, ...headers },
			});
		const invalid = await post(
			{ "Neon-Batch-Isolation-Level": "Snapshot" },
			{ queries: [{ query: "SELECT 1" }] },
		);
		expect([invalid.status, await invalid.json()]).toEqual([
			400,
			{ message: "invalid isolation level", code: "" },
		]);
		const mixed = await post(
			{ "Neon-Array-Mode": "false" },
			{ queries: [{ query: "SELECT 1 AS one", arrayMode: true }, { query: "SELECT 2 AS two" }] },
		);
		const { results } = (await mixed.json()) as { results: { rows: unknown[] }[] };
		expect(results.map((result) => result.rows)).toEqual([[["1"]], [{ two: "2" }]]);
	});

	it("leaves nothing of one request's session to the next", async () => {
		const sql = neon(databaseUrl);
		const [before] = await sql.query("SELECT current_setting('search_path') AS path");
		await sql.query("SET search_path TO nowhere");
		await sql.query("CREATE TEMP TABLE left_behind (x int)");
		await sql.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
		const [state] = await sql.query(
			"SELECT current_setting('search_path') AS path, to_regclass('pg_temp.left_behind') AS temp, current_setting('transaction_isolation') AS isolation",
		);
		expect(state).toEqual({ path: before?.path, temp: null, isolation: "read committed" });
	});

	it("rolls back a batch whose client went away, and cancels its statement where Postgres can", async () => {
		const person = samplePerson();
		const gaveUp = neon(databaseUrl, { fetchOptions: { signal: AbortSignal.timeout(300) } });
		const started = performance.now();
		await failure(
			gaveUp.transaction([
				gaveUp.query(INSERT_PERSON, insertParams(person)),
				gaveUp.query("SELECT pg_sleep(2)"),
			]),
		);
		// PGlite runs one statement at a time for every connection: the sleep holds the next query.
		await neon(databaseUrl).query("SELECT 1");
		const freed = performance.now() - started;
		expect(await named(person.name)).toBe(0);
		// Postgres cancels the sleep; PGlite cannot, and rolls back when it ends.
		if (embedded) expect(freed).toBeGreaterThanOrEqual(1_900);
		else expect(freed).toBeLessThan(1_500);
	});

	it("asks a WebSocket client for its password, whether or not the driver sends it first", async () => {
		for (const pipelineConnect of ["password", false] as const) {
			const client = new Client(databaseUrl);
			client.neonConfig.pipelineConnect = pipelineConnect;
			await client.connect();
			expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
			await client.end();
		}
		const guarded = await startNeonEndpoint({ databaseUrl: withUrl({ password: "right" }) });
		const wrong = new Client(withUrl({ password: "wrong" }));
		wrong.neonConfig.wsProxy = (host, port) => `${guarded.webSocketHost}/v2?address=${host}:${port}`;
		wrong.on("error", () => {});
		try {
			await wrong.connect().catch(() => {});
			expect(await failure(wrong.query("SELECT 1"))).toMatchObject({ code: "28P01" });
		} finally {
			await guarded.close();
		}
	});
});
