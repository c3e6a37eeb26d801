import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../../src/tools/embedded-postgres";

let database: EmbeddedPostgres;
beforeAll(async () => {
	database = await startEmbeddedPostgres();
}, 60_000);
afterAll(() => database.stop());

async function connected(): Promise<pg.Client> {
	const client = new pg.Client(database.url);
	await client.connect();
	return client;
}

// What pg's Connection has beyond its (older) types.
type Session = pg.Connection & {
	connect(port: number, host: string): void;
	startup(config: Record<string, string>): void;
};

/** A connection driven message by message, as a query's messages arrive when they come apart. */
async function rawSession(): Promise<Session> {
	const connection = new pg.Connection() as Session;
	const { port } = new URL(database.url);
	connection.connect(Number(port), "127.0.0.1");
	await new Promise((resolve) => connection.once("connect", resolve));
	connection.startup({ user: "postgres", database: "postgres" });
	await new Promise((resolve) => connection.once("readyForQuery", resolve));
	return connection;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe("the embedded PostgreSQL's connections", () => {
	it("each get their own answers, even when a query's messages come apart", async () => {
		const [split, other] = await Promise.all([rawSession(), connected()]);
		try {
			const rows: unknown[][] = [];
			split.on("dataRow", (row: { fields: unknown[] }) => rows.push(row.fields));
			split.parse({ name: "", text: "SELECT 'split' AS who", types: [] }, false);
			split.bind({ values: [] }, false);
			split.flush();
			await settle();
			// Another connection's query, between this one's Bind and its Execute.
			const between = other.query("SELECT $1::text AS who", ["other"]);
			await settle();
			split.execute({}, false);
			split.sync();
			await new Promise((resolve) => split.once("readyForQuery", resolve));
			expect(rows.map((fields) => String(fields[0]))).toEqual(["split"]);
			expect((await between).rows).toEqual([{ who: "other" }]);
		} finally {
			split.end();
			await other.end();
		}
	});

	it("keeps a transaction's statements together, and ends what a closed connection left open", async () => {
		const [writer, reader] = await Promise.all([connected(), connected()]);
		try {
			await writer.query("CREATE TABLE IF NOT EXISTS turns (n int)");
			await writer.query("BEGIN");
			await writer.query("INSERT INTO turns VALUES ($1)", [1]);
			const read = reader.query("SELECT count(*)::int AS n FROM turns");
			await writer.query("INSERT INTO turns VALUES ($1)", [2]);
			// The writer leaves mid-transaction: its inserts are rolled back, and the reader's turn comes.
			writer.on("error", () => {});
			writer.connection.stream.destroy();
			expect((await read).rows[0].n).toBe(0);
		} finally {
			await reader.end();
		}
	});
});
