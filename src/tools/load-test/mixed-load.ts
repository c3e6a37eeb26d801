import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import pg from "pg";
import { syntheticPerson } from "../bench/synthetic-passengers";
import type { Outcome } from "./report";
import type { TcpProxy } from "./tcp-proxy";

/** What autocannon keeps per connection between a request and its response. */
interface LoadContext {
	sent: number;
	uuid: string;
	path: string;
}

export interface Fault {
	proxy: TcpProxy;
	cutAt: number;
	restoreAt: number;
}

/**
 * Four reads to one write (80 % / 20 %) for `seconds` over `connections`, optionally with
 * the database path cut for a while. Returns every answer and the uuids of the people whose
 * creation was acknowledged.
 */
export async function mixedLoad(
	apiUrl: string,
	uuids: string[],
	seconds: number,
	connections: number,
	fault?: Fault,
) {
	const outcomes: Outcome[] = [];
	const acked: string[] = [];
	const started = Date.now();
	const pick = () => uuids[Math.floor(Math.random() * uuids.length)];
	const record = (status: number, context: LoadContext, read?: string) => {
		const now = Date.now();
		outcomes.push({ at: now - started, status, ms: now - context.sent, read });
	};
	const timed = (path: () => string): autocannon.Request => ({
		method: "GET",
		setupRequest: (request, context) => {
			const load = context as LoadContext;
			load.sent = Date.now();
			load.path = path();
			return { ...request, path: load.path };
		},
		onResponse: (status, _body, context) =>
			record(status, context as LoadContext, (context as LoadContext).path),
	});
	let written = 0;
	const requests: autocannon.Request[] = [
		timed(() => `/people/${pick()}`),
		timed(() => `/people?limit=20&offset=${Math.floor(Math.random() * 860)}`),
		timed(() => "/people?sex=female&passengerClass=1&sort=-fare&limit=10"),
		timed(() => `/people/${pick()}`),
		{
			method: "POST",
			headers: { "content-type": "application/json" },
			setupRequest: (request, context) => {
				const load = context as LoadContext;
				load.sent = Date.now();
				load.uuid = randomUUID();
				const person = { ...syntheticPerson(written++), uuid: load.uuid };
				return { ...request, path: "/people", body: JSON.stringify(person) };
			},
			onResponse: (status, _body, context) => {
				const load = context as LoadContext;
				record(status, load);
				if (status === 201) acked.push(load.uuid);
			},
		},
	];
	const timers = fault
		? [
				setTimeout(() => fault.proxy.cut(), fault.cutAt),
				setTimeout(() => fault.proxy.restore(), fault.restoreAt),
			]
		: [];
	const result = await autocannon({ url: apiUrl, connections, duration: seconds, timeout: 10, requests });
	for (const timer of timers) clearTimeout(timer);
	fault?.proxy.restore();
	return { outcomes, acked, errors: result.errors + result.timeouts };
}

/** How many of the acknowledged creations the database does not have. */
export async function missing(databaseUrl: string, acked: string[]): Promise<number> {
	const client = new pg.Client(databaseUrl);
	await client.connect();
	try {
		const { rows } = await client.query(
			"SELECT count(*)::int AS found FROM passengers WHERE uuid = ANY($1::uuid[])",
			[acked],
		);
		return acked.length - rows[0].found;
	} finally {
		await client.end();
	}
}
