// npm run bench:api [-- --duration S --connections N]
// Load-tests `wrangler dev` on the machine's PostgreSQL (a scratch database, dropped after)
// with autocannon and prints req/s, p50, p99 and SQL round trips per request.
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import type { Person } from "../../db/person.schemas";
import { BENCH_ADMIN_URL, roundTrips } from "../bench/shared";
import { syntheticPerson } from "../bench/synthetic-passengers";
import { runCommand, wholeNumberFlag } from "../lib/cli";
import { freePort } from "../lib/ports";
import { startLocalStack } from "../local-stack";
import { createScratchDatabase } from "../scratch-database";

const { values } = parseArgs({
	options: { duration: { type: "string", default: "10" }, connections: { type: "string", default: "10" } },
});
const duration = wholeNumberFlag("duration", values.duration);
const connections = wholeNumberFlag("connections", values.connections);

runCommand("bench:api", async () => {
	const database = await createScratchDatabase(BENCH_ADMIN_URL, "titanic_bench");
	const stack = await startLocalStack({
		databaseUrl: database.url,
		seedCsv: "data/titanic.csv",
		port: await freePort(),
	});
	try {
		const uuids = ((await (await fetch(`${stack.apiUrl}/people`)).json()) as Person[]).map((p) => p.uuid);
		let n = 0;
		const pick = () => uuids[n++ % uuids.length];
		const json = { "content-type": "application/json" };
		const scenarios: [string, autocannon.Request][] = [
			["GET /people/{uuid}", { method: "GET", setupRequest: (r) => ({ ...r, path: `/people/${pick()}` }) }],
			["GET /people?limit=100", { method: "GET", path: "/people?limit=100" }],
			[
				"POST /people",
				{
					method: "POST",
					path: "/people",
					headers: json,
					setupRequest: (r) => ({ ...r, body: JSON.stringify(syntheticPerson(n++)) }),
				},
			],
			[
				"PUT /people/{uuid}",
				{
					method: "PUT",
					headers: json,
					setupRequest: (r) => ({
						...r,
						path: `/people/${pick()}`,
						body: JSON.stringify(syntheticPerson(n)),
					}),
				},
			],
		];
		console.log(
			`bench:api: wrangler dev on PostgreSQL 127.0.0.1:5432, ${connections} connections, ${duration} s each`,
		);
		console.log("| request | req/s | p50 ms | p99 ms | non-2xx | round trips/request |");
		console.log("|---|---:|---:|---:|---:|---:|");
		for (const [name, request] of scenarios) {
			const before = await roundTrips(stack.neonHttpEndpoint);
			const result = await autocannon({ url: stack.apiUrl, connections, duration, requests: [request] });
			const trips = (await roundTrips(stack.neonHttpEndpoint)) - before;
			const perRequest = (trips / result.requests.total).toFixed(2);
			console.log(
				`| ${name} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${result.non2xx + result.errors} | ${perRequest} |`,
			);
		}
	} finally {
		await stack.stop();
		await database.drop();
	}
});
