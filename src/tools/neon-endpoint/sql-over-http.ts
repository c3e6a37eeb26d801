import type { IncomingHttpHeaders } from "node:http";
import pg from "pg";
import { type PostgresPools, rawText } from "./postgres-pools";

export interface Query {
	query: string;
	params?: unknown[];
}

export interface HttpReply {
	status: number;
	body: unknown;
}

// The fields Neon copies from a Postgres error into its 400 reply, and the driver onto
// NeonDbError: the SQLSTATE `code` is what the application branches on.
const ERROR_FIELDS = [
	"message",
	"severity",
	"code",
	"detail",
	"hint",
	"position",
	"internalPosition",
	"internalQuery",
	"where",
	"schema",
	"table",
	"column",
	"dataType",
	"constraint",
	"file",
	"line",
	"routine",
] as const;

const ISOLATION_LEVELS: Record<string, string> = {
	ReadUncommitted: "READ UNCOMMITTED",
	ReadCommitted: "READ COMMITTED",
	RepeatableRead: "REPEATABLE READ",
	Serializable: "SERIALIZABLE",
};

/** Answers one `POST /sql` of the Neon serverless driver's HTTP protocol. */
export async function answerSqlOverHttp(
	pools: PostgresPools,
	headers: IncomingHttpHeaders,
	body: string,
	onQueries: (queries: Query[]) => void = () => {},
): Promise<HttpReply> {
	const connectionString = header(headers, "neon-connection-string");
	if (!connectionString) return neonError(400, "missing Neon-Connection-String header");
	let request: { query?: string; params?: unknown[]; queries?: Query[] };
	try {
		request = JSON.parse(body);
	} catch {
		return neonError(400, "request body is not JSON");
	}
	onQueries(
		Array.isArray(request.queries)
			? request.queries
			: [{ query: String(request.query), params: request.params }],
	);
	const arrayMode = header(headers, "neon-array-mode") === "true";
	let client: pg.PoolClient;
	try {
		client = await pools.get(connectionString).connect();
	} catch (error) {
		// Neon answers 5xx when it cannot reach the compute; the driver then throws
		// "Server error (HTTP status …)", which the worker turns into a 503.
		return neonError(502, `cannot reach Postgres: ${(error as Error).message}`);
	}
	let broken = false;
	// A connection that dies while checked out reports it on the client (the pool only
	// listens to idle ones); unheard, that event would end the process. The query in
	// flight fails by itself.
	const onLost = () => {
		broken = true;
	};
	client.on("error", onLost);
	try {
		if (Array.isArray(request.queries)) {
			const results = await runBatch(client, request.queries, headers, arrayMode);
			return { status: 200, body: { results } };
		}
		if (typeof request.query !== "string") return neonError(400, "missing query");
		return {
			status: 200,
			body: await run(client, { query: request.query, params: request.params }, arrayMode),
		};
	} catch (error) {
		if (error instanceof pg.DatabaseError) return { status: 400, body: pick(error) };
		broken = true;
		return neonError(502, `lost Postgres: ${(error as Error).message}`);
	} finally {
		client.off("error", onLost);
		client.release(broken);
	}
}

async function runBatch(
	client: pg.PoolClient,
	queries: Query[],
	headers: IncomingHttpHeaders,
	arrayMode: boolean,
) {
	await client.query(`BEGIN ${transactionMode(headers)}`);
	try {
		const results = [];
		for (const query of queries) results.push(await run(client, query, arrayMode));
		await client.query("COMMIT");
		return results;
	} catch (error) {
		await client.query("ROLLBACK").catch(() => {});
		throw error;
	}
}

function transactionMode(headers: IncomingHttpHeaders): string {
	const modes: string[] = [];
	const isolation = ISOLATION_LEVELS[header(headers, "neon-batch-isolation-level") ?? ""];
	if (isolation) modes.push(`ISOLATION LEVEL ${isolation}`);
	const readOnly = header(headers, "neon-batch-read-only");
	if (readOnly) modes.push(readOnly === "true" ? "READ ONLY" : "READ WRITE");
	const deferrable = header(headers, "neon-batch-deferrable");
	if (deferrable) modes.push(deferrable === "true" ? "DEFERRABLE" : "NOT DEFERRABLE");
	return modes.join(", ");
}

async function run(client: pg.PoolClient, { query, params = [] }: Query, arrayMode: boolean) {
	const result = await client.query({ text: query, values: params, rowMode: "array", types: rawText });
	const fields = result.fields.map((f) => ({
		name: f.name,
		dataTypeID: f.dataTypeID,
		tableID: f.tableID,
		columnID: f.columnID,
		dataTypeSize: f.dataTypeSize,
		dataTypeModifier: f.dataTypeModifier,
		format: f.format,
	}));
	const rows = arrayMode
		? result.rows
		: result.rows.map((row: unknown[]) => Object.fromEntries(fields.map((f, i) => [f.name, row[i]])));
	return { command: result.command, rowCount: result.rowCount, rows, fields, rowAsArray: arrayMode };
}

function pick(error: pg.DatabaseError) {
	return Object.fromEntries(ERROR_FIELDS.map((field) => [field, error[field]]));
}

function neonError(status: number, message: string): HttpReply {
	return { status, body: { message } };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}
