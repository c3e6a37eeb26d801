import type { IncomingHttpHeaders } from "node:http";
import pg from "pg";
import { type PostgresPools, rawText } from "./postgres-pools";

// One `POST /sql` of the Neon serverless driver's HTTP protocol, answered as Neon's proxy
// answers it (proxy/src/serverless/sql_over_http.rs in neondatabase/neon).

export interface Query {
	query: string;
	params?: unknown[];
	arrayMode?: boolean;
}

export interface HttpReply {
	status: number;
	/** The answer as JSON text: serialised once, to be measured against Neon's limit and sent. */
	json: string;
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

/** Neon's proxy buffers an answer and refuses past this (its default max_response_size_bytes). */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** An error of the proxy itself: no SQLSTATE, so the driver's NeonDbError has an empty code. */
export function neonError(status: number, message: string): HttpReply {
	return { status, json: JSON.stringify({ message, code: "" }) };
}

/** A batch's BEGIN, as Neon builds it: only what is asked for, READ ONLY and DEFERRABLE only for "true". */
function transactionStart(headers: IncomingHttpHeaders): string | undefined {
	const modes: string[] = [];
	const isolation = header(headers, "neon-batch-isolation-level");
	if (isolation !== undefined) {
		const level = ISOLATION_LEVELS[isolation];
		if (!level) return undefined;
		modes.push(`ISOLATION LEVEL ${level}`);
	}
	if (header(headers, "neon-batch-read-only") === "true") modes.push("READ ONLY");
	if (header(headers, "neon-batch-deferrable") === "true") modes.push("DEFERRABLE");
	return `BEGIN ${modes.join(", ")}`;
}

// Neon uses the extended protocol for every statement: one statement a query, parameters
// checked, whether any are given or not.
async function run(client: pg.PoolClient, { query, params = [] }: Query, arrayMode: boolean) {
	const result = await client.query({
		text: query,
		values: params,
		rowMode: "array",
		types: rawText,
		queryMode: "extended",
	} as pg.QueryConfig);
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

/** Thrown when the client went away: what ran is rolled back, and the connection discarded. */
class Abandoned extends Error {}

async function runBatch(
	client: pg.PoolClient,
	queries: Query[],
	begin: string,
	arrayMode: boolean,
	signal: AbortSignal,
) {
	await client.query(begin);
	try {
		const results = [];
		for (const query of queries) {
			if (signal.aborted) throw new Abandoned();
			results.push(await run(client, query, query.arrayMode ?? arrayMode));
		}
		if (signal.aborted) throw new Abandoned();
		await client.query("COMMIT");
		return results;
	} catch (error) {
		await client.query("ROLLBACK").catch(() => {});
		throw error;
	}
}

/**
 * Answers one request on a pooled connection. `signal` aborts when the client goes away:
 * then, as on Neon, the running statement is cancelled, a batch is rolled back and the
 * connection is not used again.
 */
export async function answerSqlOverHttp(
	pools: PostgresPools,
	databaseUrl: string,
	headers: IncomingHttpHeaders,
	body: string,
	signal: AbortSignal,
	onQueries: (queries: Query[]) => void = () => {},
): Promise<HttpReply> {
	const begin = transactionStart(headers);
	if (begin === undefined) return neonError(400, "invalid isolation level");
	let request: { query?: string; params?: unknown[]; arrayMode?: boolean; queries?: Query[] };
	try {
		request = JSON.parse(body);
	} catch (error) {
		return neonError(400, `could not parse the HTTP request body: ${(error as Error).message}`);
	}
	const batch = Array.isArray(request.queries) ? request.queries : undefined;
	onQueries(batch ?? [{ query: String(request.query), params: request.params }]);
	if (!batch && typeof request.query !== "string")
		return neonError(400, "could not parse the HTTP request body: missing field `query`");
	const arrayMode = header(headers, "neon-array-mode") === "true";
	let client: pg.PoolClient;
	try {
		client = await pools.get(databaseUrl).connect();
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
	const cancel = () => void pools.cancel(databaseUrl, client);
	signal.addEventListener("abort", cancel, { once: true });
	try {
		const answer = batch
			? { results: await runBatch(client, batch, begin, arrayMode, signal) }
			: await run(
					client,
					{ query: request.query as string, params: request.params },
					request.arrayMode ?? arrayMode,
				);
		if (signal.aborted) throw new Abandoned();
		const json = JSON.stringify(answer);
		if (json.length > MAX_RESPONSE_BYTES) {
			return neonError(507, `response is too large (max is ${MAX_RESPONSE_BYTES} bytes)`);
		}
		return { status: 200, json };
	} catch (error) {
		if (error instanceof pg.DatabaseError && !signal.aborted) {
			const fields = Object.fromEntries(ERROR_FIELDS.map((field) => [field, error[field]]));
			return { status: 400, json: JSON.stringify(fields) };
		}
		broken = true;
		if (signal.aborted) return neonError(400, "Query cancelled, connection was terminated");
		return neonError(502, `lost Postgres: ${(error as Error).message}`);
	} finally {
		signal.removeEventListener("abort", cancel);
		// Still listening while the reset runs: the connection can die during it too.
		broken = broken || !(await pools.reset(client));
		client.off("error", onLost);
		client.release(broken);
	}
}
