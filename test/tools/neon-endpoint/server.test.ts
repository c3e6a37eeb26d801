import { Client, neon, neonConfig } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import ws from "ws";
import { pointDriverAtLocalEndpoint } from "../../../src/tools/neon-endpoint/point-driver";
import { type NeonEndpoint, startNeonEndpoint } from "../../../src/tools/neon-endpoint/server";
import { commitOneRollBackOne, INSERT_PERSON, insertParams, samplePerson } from "../../support/sample-person";

const databaseUrl = inject("databaseUrl");
let endpoint: NeonEndpoint;

async function roundTrips(): Promise<number> {
	const response = await fetch(new URL("stats", endpoint.httpUrl));
	return ((await response.json()) as { roundTrips: number }).roundTrips;
}

beforeAll(async () => {
	endpoint = await startNeonEndpoint({ databaseUrl });
	neonConfig.fetchEndpoint = endpoint.httpUrl;
	neonConfig.webSocketConstructor = ws;
	pointDriverAtLocalEndpoint(neonConfig, endpoint.webSocketHost);
});

afterAll(() => endpoint.close());

describe("the local Neon endpoint over HTTP", () => {
	it("round-trips typed values exactly as Neon does", async () => {
		const sql = neon(databaseUrl);
		const uuid = crypto.randomUUID();
		const [row] = await sql.query(
			"SELECT $1::int4 AS i, $2::bool AS b, $3::float8 AS f, $4::uuid AS u, $5::text AS t, $6::text AS n, $7::int2 AS s",
			[-42, true, 0.42, uuid, "Zoë «Ŝ» 漢字 🚢", null, 3],
		);
		expect(row).toEqual({ i: -42, b: true, f: 0.42, u: uuid, t: "Zoë «Ŝ» 漢字 🚢", n: null, s: 3 });
	});

	it("reports a unique violation with its SQLSTATE and constraint", async () => {
		const sql = neon(databaseUrl);
		const person = samplePerson({ uuid: crypto.randomUUID() });
		await sql.query(INSERT_PERSON, insertParams(person));
		const error = await sql.query(INSERT_PERSON, insertParams(person)).catch((e: unknown) => e);
		expect(error).toMatchObject({ code: "23505", constraint: "passengers_uuid_unique", table: "passengers" });
	});

	it("runs a batch in one transaction that leaves nothing behind when it fails", async () => {
		const sql = neon(databaseUrl);
		const good = samplePerson();
		const bad = samplePerson({ passengerClass: 4 });
		const error = await sql
			.transaction([
				sql.query(INSERT_PERSON, insertParams(good)),
				sql.query(INSERT_PERSON, insertParams(bad)),
			])
			.catch((e: unknown) => e);
		expect(error).toMatchObject({ code: "23514", constraint: "passengers_passenger_class_check" });
		const rows = await sql.query("SELECT 1 FROM passengers WHERE name = $1", [good.name]);
		expect(rows).toHaveLength(0);
	});

	it("honours the batch's read-only and isolation headers", async () => {
		const sql = neon(databaseUrl);
		const readOnly = await sql
			.transaction([sql.query(INSERT_PERSON, insertParams(samplePerson()))], { readOnly: true })
			.catch((e: unknown) => e);
		expect(readOnly).toMatchObject({ code: "25006" });
		const [[isolation]] = (await sql.transaction([sql.query("SHOW transaction_isolation")], {
			isolationLevel: "Serializable",
			readOnly: true,
			deferrable: true,
		})) as [{ transaction_isolation: string }[]];
		expect(isolation).toEqual({ transaction_isolation: "serializable" });
	});

	it("counts one round trip per query and per batch", async () => {
		const sql = neon(databaseUrl);
		const before = await roundTrips();
		await sql.query("SELECT 1");
		await sql.transaction([sql.query("SELECT 1"), sql.query("SELECT 2")]);
		expect((await roundTrips()) - before).toBe(2);
		expect(endpoint.roundTrips()).toBe(await roundTrips());
	});

	it("answers 502 when the Postgres it fronts is unreachable", async () => {
		const unreachable = "postgres://postgres:local@localhost:1/none";
		const elsewhere = await startNeonEndpoint({ databaseUrl: unreachable });
		neonConfig.fetchEndpoint = elsewhere.httpUrl;
		try {
			const error = await neon(unreachable)
				.query("SELECT 1")
				.catch((e: unknown) => e);
			expect(String(error)).toMatch(/HTTP status 502.*cannot reach Postgres/);
		} finally {
			neonConfig.fetchEndpoint = endpoint.httpUrl;
			await elsewhere.close();
		}
	});

	it("rejects requests that are not Neon queries", async () => {
		const noHeader = await fetch(endpoint.httpUrl, { method: "POST", body: "{}" });
		expect(noHeader.status).toBe(400);
		const notJson = await fetch(endpoint.httpUrl, {
			method: "POST",
			body: "nope",
			headers: { "Neon-Connection-String": databaseUrl },
		});
		expect(await notJson.json()).toEqual({
			message: expect.stringMatching(/^could not parse the HTTP request body: /),
			code: "",
		});
		const elsewhere = await fetch(new URL("/elsewhere", endpoint.httpUrl));
		expect(elsewhere.status).toBe(404);
	});

	it("answers a syntax error with the position Postgres reports", async () => {
		const error = await neon(databaseUrl)
			.query("SELEC 1")
			.catch((e: unknown) => e);
		expect(error).toMatchObject({ code: "42601", position: "1" });
	});
});

describe("the local Neon endpoint over WebSocket", () => {
	it("commits and rolls back interactive transactions, and closes cleanly", async () => {
		const client = new Client(databaseUrl);
		await client.connect();
		const { kept, found } = await commitOneRollBackOne(client);
		expect(found).toEqual([kept]);
		await client.end();
	});

	it("tunnels only to its own database", async () => {
		const other = new URL(databaseUrl);
		other.pathname = "/template1";
		const client = new Client(other.toString());
		client.on("error", () => {});
		// The driver sends its password without waiting (as against Neon), so it learns of the
		// refusal with its first query.
		await client.connect().catch(() => {});
		await expect(client.query("SELECT 1")).rejects.toThrow();
	});
});

describe("who the local Neon endpoint serves", () => {
	const query = (url: string, headers: Record<string, string> = {}, body = '{"query":"SELECT 1"}') =>
		fetch(url, { method: "POST", body, headers: { "Neon-Connection-String": databaseUrl, ...headers } });

	it("only requests that know its per-run secret", async () => {
		expect((await query(endpoint.httpUrl)).status).toBe(200);
		const withoutSecret = new URL(endpoint.httpUrl);
		withoutSecret.pathname = "/sql";
		expect((await query(withoutSecret.toString())).status).toBe(404);
		expect((await fetch(new URL("/stats", endpoint.httpUrl))).status).toBe(404);
		const socket = new ws(`ws://${new URL(endpoint.httpUrl).host}/v2?address=127.0.0.1:5432`);
		expect(String(await new Promise((resolve) => socket.once("error", resolve)))).toMatch(/404/);
	});

	it("no web page: a request with an Origin is refused", async () => {
		expect((await query(endpoint.httpUrl, { Origin: "https://evil.example" })).status).toBe(404);
		const socket = new ws(`ws://${endpoint.webSocketHost}/v2`, { origin: "https://evil.example" });
		expect(String(await new Promise((resolve) => socket.once("error", resolve)))).toMatch(/404/);
	});

	it("only the database it was started for", async () => {
		const other = new URL(databaseUrl);
		other.pathname = "/template1";
		const refused = await query(endpoint.httpUrl, { "Neon-Connection-String": other.toString() });
		expect(refused.status).toBe(403);
		const superuser = new URL(databaseUrl);
		superuser.username = "someone_else";
		expect((await query(endpoint.httpUrl, { "Neon-Connection-String": superuser.toString() })).status).toBe(
			403,
		);
	});

	it("only the database it was started for, whatever parameters the connection string adds", async () => {
		const asked = "SELECT current_database() AS database, current_user AS role, inet_server_port() AS port";
		const [own] = await neon(databaseUrl).query(asked);
		const sneaky = new URL(databaseUrl);
		const parameters = { database: "template1", dbname: "template1", host: "192.0.2.1", port: "1" };
		for (const [name, value] of Object.entries(parameters)) sneaky.searchParams.set(name, value);
		const [answered] = await neon(sneaky.toString()).query(asked);
		expect(answered).toEqual(own);
		// Nor a pool per distinct string: thirty of them still share the endpoint's connections.
		await Promise.all(
			Array.from({ length: 30 }, (_, i) => neon(`${databaseUrl}?application_name=n${i}`).query("SELECT 1")),
		);
		const [open] = await neon(databaseUrl).query(
			"SELECT count(*)::int AS connections FROM pg_stat_activity WHERE datname = current_database()",
		);
		expect(open?.connections).toBeLessThanOrEqual(10 + 1);
	});

	it("bodies up to 1 MiB", async () => {
		const huge = JSON.stringify({ query: `SELECT '${"x".repeat(1024 * 1024)}'` });
		expect((await query(endpoint.httpUrl, {}, huge)).status).toBe(413);
	});
});
