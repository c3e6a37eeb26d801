// npm run bench:cold [-- --samples N --hit-budget MS]
// Cold start per kind of first request: for each sample, a fresh plain workerd process with
// the production bundle (what build:check builds) serves one request, and the CPU the
// process spent until its answer was read, minus the same for a hello-world worker, is the
// worker's cold start: evaluating its modules and serving that first request. Medians of
// the samples, beside `wrangler check startup`'s figure for the same bundle. With
// --hit-budget, fails when a cold cache hit costs more than that (CI holds it to its budget).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Person } from "../../db/person.schemas";
import { checkStartup, coldStart, type FirstRequest, helloWorldBundle } from "../bench/cold-start";
import { median } from "../bench/kind-figures";
import { startCacheStandIn, startPlainWorkerd } from "../bench/plain-workerd";
import { benchAdminUrl } from "../bench/shared";
import { syntheticPerson } from "../bench/synthetic-passengers";
import { CliError, commandFlags, runCommand, wholeNumberFlag } from "../lib/cli";
import { withNeonClient } from "../lib/neon-driver";
import { freePort } from "../lib/ports";
import { bundleForProduction, productionVars } from "../lib/wrangler";
import { loadPassengers } from "../load/load-passengers";
import { migrateDatabase } from "../migrate";
import { startNeonEndpoint } from "../neon-endpoint/server";
import { createScratchDatabase } from "../scratch-database";

const { samples, hitBudget } = commandFlags(
	"bench:cold",
	"npm run bench:cold [-- --samples N --hit-budget MS]",
	{ samples: { type: "string", default: "9" }, "hit-budget": { type: "string" } },
	(values) => ({
		samples: wholeNumberFlag("samples", values.samples),
		hitBudget:
			values["hit-budget"] === undefined ? undefined : wholeNumberFlag("hit-budget", values["hit-budget"]),
	}),
);

const API_TOKEN = "bench-token";
const CLIENT = { "cf-connecting-ip": "203.0.113.7" };
const cacheStatus = (response: Response) => response.headers.get("Cache-Status") ?? "";

/** The kinds of first request, in the order each sample runs them: a read stores what the hit reads. */
function firstRequests(people: Person[]): FirstRequest[] {
	const person = (n: number) => `/people/${people[n % people.length]?.uuid}`;
	return [
		{
			name: "GET /healthz",
			request: () => ({ path: "/healthz", init: { headers: CLIENT } }),
			expect: (r) => r.ok,
		},
		{
			name: "GET /people/{uuid}, from the database (a cache miss)",
			request: (n) => ({ path: person(n), init: { headers: CLIENT } }),
			expect: (r) => r.ok && cacheStatus(r).includes("fwd=uri-miss"),
		},
		{
			name: "GET /people/{uuid}, a cache hit",
			request: (n) => ({ path: person(n), init: { headers: CLIENT } }),
			expect: (r) => r.ok && /\bhit\b/.test(cacheStatus(r)),
		},
		{
			name: "POST /people",
			request: (n) => ({
				path: "/people",
				init: {
					method: "POST",
					headers: { ...CLIENT, "content-type": "application/json", authorization: `Bearer ${API_TOKEN}` },
					body: JSON.stringify(syntheticPerson(n)),
				},
			}),
			expect: (r) => r.status === 201,
		},
	];
}

runCommand("bench:cold", async () => {
	const folder = mkdtempSync(join(tmpdir(), "titanic-bench-cold-"));
	const database = await createScratchDatabase(benchAdminUrl(), "titanic_bench");
	await migrateDatabase(database.url);
	await withNeonClient(database.url, (client) => loadPassengers(client, "data/titanic.csv"));
	const endpoint = await startNeonEndpoint({ databaseUrl: database.url, maxConnections: 20 });
	const cachePort = await freePort();
	const cache = await startCacheStandIn({ folder, port: cachePort });
	try {
		const bundle = bundleForProduction(join(folder, "bundle"));
		const vars = {
			...(await productionVars()),
			NEON_HTTP_ENDPOINT: endpoint.httpUrl,
			DATABASE_URL: database.url,
			API_TOKEN,
		};
		// The people, listed by a throwaway instance with a cache of its own.
		mkdirSync(join(folder, "lister"));
		const lister = await startPlainWorkerd({
			bundle,
			folder: join(folder, "lister"),
			ports: [await freePort(), await freePort()],
			vars,
		});
		const people = (await (
			await fetch(`${lister.url}/people?limit=100`, { headers: CLIENT })
		).json()) as Person[];
		await lister.stop();
		const hello = helloWorldBundle(folder);
		const kinds = firstRequests(people);
		const cpu = new Map<string, number[]>([
			["hello-world", []],
			...kinds.map((k) => [k.name, []] as [string, number[]]),
		]);
		const baseline: FirstRequest = {
			name: "hello-world",
			request: () => ({ path: "/" }),
			expect: (r) => r.ok,
		};
		for (let n = 0; n < samples; n++) {
			for (const first of [baseline, ...kinds]) {
				const ms = await coldStart({
					bundle: first === baseline ? hello : bundle,
					folder,
					cachePort,
					vars,
					first,
					n,
				});
				cpu.get(first.name)?.push(ms);
			}
		}
		const helloMs = median(cpu.get("hello-world") ?? []);
		const startup = median(Array.from({ length: Math.min(samples, 5) }, () => checkStartup(folder)));
		console.log(
			`\nbench:cold: production bundle, a fresh plain workerd per sample (Cache API: an in-memory stand-in in another process; PostgreSQL 127.0.0.1:5432 through the local Neon endpoint), median of ${samples}; a hello-world worker's cold start, ${helloMs.toFixed(1)} ms, subtracted`,
		);
		console.log("| first request | worker CPU ms until the answer |\n|---|---:|");
		const worker = new Map(kinds.map(({ name }) => [name, median(cpu.get(name) ?? []) - helloMs]));
		for (const [name, ms] of worker) console.log(`| ${name} | ${ms.toFixed(1)} |`);
		console.log(
			`| (wrangler check startup: start-up alone, "Active", median of ${Math.min(samples, 5)}) | ${startup.toFixed(1)} |`,
		);
		const hit = worker.get(kinds[2]?.name ?? "") ?? 0;
		if (hitBudget !== undefined && hit > hitBudget)
			throw new CliError(
				`a cold cache hit costs ${hit.toFixed(1)} ms of CPU, over its budget of ${hitBudget} ms`,
			);
	} finally {
		await cache.stop();
		await endpoint.close();
		await database.drop();
		rmSync(folder, { recursive: true, force: true });
	}
});
