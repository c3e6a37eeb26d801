// npm run test:load [-- --duration S --fault-seconds S --bad-requests N --connections N]
// Proof under load, faults and bad input, against `wrangler dev` on the machine's
// PostgreSQL (a scratch database behind a TCP proxy that can cut the database path):
//   A. mixed load, 80 % reads / 20 % writes: no 5xx, every acknowledged write readable;
//   B. the same load with the database path cut for a while: 503s within seconds, no
//      hangs, recovery on its own, no acknowledged write lost;
//   C. generated bad requests (fast-check): no 5xx.
// Prints its figures and exits 1 when a check fails.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import fc from "fast-check";
import pg from "pg";
import type { Person } from "../../db/person.schemas";
import { BENCH_ADMIN_URL } from "../bench/shared";
import { CliError, runCommand } from "../lib/cli";
import { freePort } from "../lib/ports";
import { type BadRequest, badRequest } from "../load-test/bad-requests";
import { startTcpProxy, type TcpProxy } from "../load-test/tcp-proxy";
import { startLocalStack } from "../local-stack";
import { createScratchDatabase } from "../scratch-database";

const { values } = parseArgs({
	options: {
		duration: { type: "string", default: "60" },
		"fault-seconds": { type: "string", default: "10" },
		"bad-requests": { type: "string", default: "10000" },
		connections: { type: "string", default: "50" },
	},
});
const duration = Number(values.duration);
const faultSeconds = Number(values["fault-seconds"]);
const badRequests = Number(values["bad-requests"]);
const connections = Number(values.connections);
// A request in flight when the path is cut or mended may end just after: grace around the window.
const GRACE_MS = 2_000;

/** What autocannon keeps per connection between a request and its response. */
interface LoadContext {
	sent: number;
	uuid: string;
}

interface Outcome {
	at: number;
	status: number;
	ms: number;
}

const failures: string[] = [];
const check = (ok: boolean, message: string) => {
	console.log(`${ok ? "✓" : "✗"} ${message}`);
	if (!ok) failures.push(message);
};

runCommand("test:load", async () => {
	const database = await createScratchDatabase(BENCH_ADMIN_URL, "titanic_load");
	const target = new URL(database.url);
	const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
	const viaProxy = new URL(database.url);
	viaProxy.port = String(proxy.port);
	const stack = await startLocalStack({
		databaseUrl: viaProxy.toString(),
		seedCsv: "data/titanic.csv",
		port: await freePort(),
	});
	try {
		const uuids = ((await (await fetch(`${stack.apiUrl}/people`)).json()) as Person[]).map((p) => p.uuid);
		console.log(`test:load: wrangler dev on PostgreSQL via a cuttable proxy, ${connections} connections`);

		const clean = await mixedLoad(stack.apiUrl, uuids, duration);
		report("A. mixed load", clean.outcomes, duration);
		check(count(clean.outcomes, (o) => o.status >= 500) === 0, "A: no 5xx");
		check(clean.errors === 0, `A: no timeouts or broken connections (${clean.errors})`);
		check(
			(await missing(database.url, clean.acked)) === 0,
			`A: all ${clean.acked.length} acknowledged writes readable`,
		);

		const around = Math.min(10, Math.max(2, duration / 2));
		const faulty = await mixedLoad(stack.apiUrl, uuids, around * 2 + faultSeconds, {
			proxy,
			cutAt: around * 1000,
			restoreAt: (around + faultSeconds) * 1000,
		});
		report(
			`B. the same with the database cut from ${around} s to ${around + faultSeconds} s`,
			faulty.outcomes,
			around * 2 + faultSeconds,
		);
		const cutAt = around * 1000;
		const restoreAt = (around + faultSeconds) * 1000;
		const inWindow = (o: Outcome) => o.at >= cutAt && o.at <= restoreAt + GRACE_MS;
		const during = faulty.outcomes.filter(inWindow);
		const outside = faulty.outcomes.filter((o) => !inWindow(o));
		check(count(outside, (o) => o.status >= 500) === 0, "B: no 5xx outside the cut (± 2 s grace)");
		check(
			during.every((o) => o.status < 500 || o.status === 503),
			`B: during the cut, only 503s: ${count(during, (o) => o.status === 503)} of ${during.length} requests`,
		);
		const slowest = Math.max(0, ...during.map((o) => o.ms));
		check(slowest < 6_000, `B: nothing hangs: slowest answer during the cut ${slowest} ms`);
		const recovered = faulty.outcomes.find((o) => o.at > restoreAt && o.status < 300);
		check(
			recovered !== undefined,
			`B: recovers by itself: first success ${recovered ? recovered.at - restoreAt : "never"} ms after the path is back`,
		);
		check(faulty.errors === 0, `B: no timeouts or broken connections (${faulty.errors})`);
		check(
			(await missing(database.url, faulty.acked)) === 0,
			`B: all ${faulty.acked.length} acknowledged writes readable`,
		);

		const seed = Date.now() % 2 ** 31;
		const statuses = await sendBadRequests(
			stack.apiUrl,
			fc.sample(badRequest, { numRuns: badRequests, seed }),
		);
		console.log(`C. ${badRequests} generated bad requests (fast-check seed ${seed}): ${summarise(statuses)}`);
		check(count(statuses, (s) => s >= 500 || s === 0) === 0, "C: no 5xx and no dropped connections");
	} finally {
		await stack.stop();
		await proxy.close();
		await database.drop();
	}
	if (failures.length) throw new CliError(`${failures.length} check(s) failed: ${failures.join("; ")}`);
});

async function mixedLoad(
	apiUrl: string,
	uuids: string[],
	seconds: number,
	fault?: { proxy: TcpProxy; cutAt: number; restoreAt: number },
) {
	const outcomes: Outcome[] = [];
	const acked: string[] = [];
	const started = Date.now();
	const pick = () => uuids[Math.floor(Math.random() * uuids.length)];
	const timed = (path: () => string): autocannon.Request => ({
		method: "GET",
		setupRequest: (request, context) => {
			(context as LoadContext).sent = Date.now();
			return { ...request, path: path() };
		},
		onResponse: (status, _body, context) => record(status, context as LoadContext),
	});
	const record = (status: number, context: LoadContext) => {
		const now = Date.now();
		outcomes.push({ at: now - started, status, ms: now - context.sent });
	};
	// Four reads to one write: 80 % / 20 %.
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
				return { ...request, path: "/people", body: JSON.stringify(person(load.uuid)) };
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

function person(uuid: string) {
	return {
		uuid,
		survived: false,
		passengerClass: 3,
		name: `Load Test ${uuid.slice(0, 8)}`,
		sex: "other",
		age: 0.75,
		siblingsOrSpousesAboard: 0,
		parentsOrChildrenAboard: 1,
		fare: 7.25,
	};
}

async function missing(databaseUrl: string, acked: string[]): Promise<number> {
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

async function sendBadRequests(apiUrl: string, requests: BadRequest[], concurrency = 20): Promise<number[]> {
	const statuses: number[] = [];
	let next = 0;
	const worker = async () => {
		while (next < requests.length) {
			const request = requests[next++] as BadRequest;
			try {
				const response = await fetch(`${apiUrl}${request.path}`, {
					method: request.method,
					headers: request.headers,
					body: request.body,
					signal: AbortSignal.timeout(10_000),
				});
				await response.arrayBuffer();
				statuses.push(response.status);
			} catch {
				statuses.push(0);
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return statuses;
}

function report(title: string, outcomes: Outcome[], seconds: number) {
	const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
	const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
	console.log(
		`${title}: ${outcomes.length} requests, ${Math.round(outcomes.length / seconds)} req/s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms; ${summarise(outcomes.map((o) => o.status))}`,
	);
}

function summarise(statuses: number[]): string {
	const byStatus = new Map<number, number>();
	for (const status of statuses) byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
	return [...byStatus]
		.sort(([a], [b]) => a - b)
		.map(([status, n]) => `${status === 0 ? "no answer" : status}×${n}`)
		.join(" ");
}

function count<T>(items: T[], test: (item: T) => boolean): number {
	return items.filter(test).length;
}
