// npm run bench:api [-- --duration S --connections N --rounds R --against DIR]
// The production bundle (what build:check builds) in plain workerd, in front of the local
// Neon endpoint on a scratch database of the machine's PostgreSQL: per kind of request,
// req/s, p50 and p99 latency, database round trips per request, and the worker's CPU time
// per request (the workerd process's CPU time over the requests it served). Every kind runs
// once a round; each figure printed is the median of the rounds. With --against, another
// checkout's bundle runs too, each kind next to this one's, alternately after and before it
// by round: both see the same machine.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type autocannon from "autocannon";
import type { Person } from "../../db/person.schemas";
import { figuresTable, type KindFigures, measureKind } from "../bench/kind-figures";
import { BENCH_API_TOKEN, benchVars, startPassengerDatabase } from "../bench/passenger-database";
import { type PlainWorkerd, startPlainWorkerd } from "../bench/plain-workerd";
import { syntheticPerson } from "../bench/synthetic-passengers";
import { otherCheckout, ROOT, shortCommit } from "../lib/checkout";
import { commandFlags, runCommand, wholeNumberFlag } from "../lib/cli";
import { freePort } from "../lib/ports";
import { bundleForProduction } from "../lib/wrangler";

const { duration, connections, rounds, against } = commandFlags(
	"bench:api",
	"npm run bench:api [-- --duration S --connections N --rounds R --against DIR]",
	{
		duration: { type: "string", default: "5" },
		connections: { type: "string", default: "10" },
		// Single runs of the cheap kinds vary by a fifth on a shared 2-core machine.
		rounds: { type: "string", default: "3" },
		// Another checkout (say, a worktree of an older commit), to compare under the same bench.
		against: { type: "string" },
	},
	(values) => ({
		duration: wholeNumberFlag("duration", values.duration),
		connections: wholeNumberFlag("connections", values.connections),
		rounds: wholeNumberFlag("rounds", values.rounds),
		against: values.against === undefined ? undefined : otherCheckout("--against", values.against),
	}),
);

// A client's way past the read cache (which then stores the fresh answer).
const FROM_DATABASE = { "cache-control": "no-cache" };
// The client address Cloudflare's edge adds to every request (the rate limits key on it).
const CLIENT = { "cf-connecting-ip": "203.0.113.7" };

/** One checkout's worker under the bench, and what it measured. */
interface Build {
	name: string;
	workerd: PlainWorkerd;
	etags: Map<string, string>;
	runs: Map<string, KindFigures[]>;
}

runCommand("bench:api", async () => {
	const folder = mkdtempSync(join(tmpdir(), "titanic-bench-api-"));
	const database = await startPassengerDatabase();
	const builds: Build[] = [];
	try {
		for (const [i, checkout] of [ROOT, ...(against ? [against] : [])].entries()) {
			const dir = join(folder, String(i));
			mkdirSync(dir);
			const bundle = bundleForProduction(join(dir, "bundle"), checkout);
			const vars = await benchVars(checkout, database);
			const ports: [number, number] = [await freePort(), await freePort()];
			const workerd = await startPlainWorkerd({ bundle, folder: dir, ports, vars, checkout });
			const name = `${i === 0 ? "this checkout" : checkout} (${shortCommit(checkout)})`;
			builds.push({ name, workerd, etags: new Map(), runs: new Map() });
		}
		const first = builds[0]?.workerd.url;
		const people = (await (await fetch(`${first}/people`, { headers: CLIENT })).json()) as Person[];
		// Every person read once from the database, so the cached kinds find them all in the
		// cache, fresh: again each round, since the round before ended with writes (another
		// build's too, which this build's cache would answer stale with an older ETag).
		const warm = async ({ workerd, etags }: Build) => {
			for (const { uuid } of people) {
				const headers = { ...CLIENT, ...FROM_DATABASE };
				const response = await fetch(`${workerd.url}/people/${uuid}`, { headers });
				etags.set(uuid, response.headers.get("ETag") ?? "");
			}
			await fetch(`${workerd.url}/people?limit=100`, { headers: CLIENT });
		};
		let n = 0;
		const next = () => people[n++ % people.length]?.uuid ?? "";
		const get = (path: () => string, headers?: () => Record<string, string>): autocannon.Request => ({
			method: "GET",
			setupRequest: (r) => ({ ...r, path: path(), headers: { ...r.headers, ...CLIENT, ...headers?.() } }),
		});
		const write = (
			method: "POST" | "PATCH",
			path: () => string,
			body: () => unknown,
		): autocannon.Request => ({
			method,
			headers: { ...CLIENT, "content-type": "application/json", authorization: `Bearer ${BENCH_API_TOKEN}` },
			setupRequest: (r) => ({ ...r, path: path(), body: JSON.stringify(body()) }),
		});
		// The build being measured: a revalidation sends the ETag that build answered.
		let current = builds[0] as Build;
		// Reads first: every write renews the cache's generation.
		const kinds: [string, autocannon.Request][] = [
			["GET /healthz", get(() => "/healthz")],
			[
				"GET /people/{uuid}, not cached",
				get(
					() => `/people/${next()}`,
					() => FROM_DATABASE,
				),
			],
			["GET /people/{uuid}, cached", get(() => `/people/${next()}`)],
			[
				"GET /people/{uuid}, If-None-Match (304 from the cache)",
				get(
					() => `/people/${people[n % people.length]?.uuid}`,
					() => ({ "if-none-match": current.etags.get(next()) ?? "" }),
				),
			],
			[
				"GET /people?limit=100, not cached",
				get(
					() => "/people?limit=100",
					() => FROM_DATABASE,
				),
			],
			["GET /people?limit=100, cached", get(() => "/people?limit=100")],
			[
				"POST /people",
				write(
					"POST",
					() => "/people",
					() => syntheticPerson(n++),
				),
			],
			[
				"PATCH /people/{uuid}",
				write(
					"PATCH",
					() => `/people/${next()}`,
					() => ({ age: n % 80 }),
				),
			],
		];
		for (let round = 0; round < rounds; round++) {
			// Alternately first and second: in an A/A run, the side that ran first measured faster.
			const order = round % 2 ? [...builds].reverse() : builds;
			for (const build of order) await warm(build);
			for (const [name, request] of kinds) {
				for (const build of order) {
					current = build;
					const expectedStatus = name.includes("304") ? 304 : name.startsWith("POST") ? 201 : 200;
					const options = { duration, connections, expectedStatus };
					const figures = await measureKind(build.workerd, database.endpoint.httpUrl, request, options);
					build.runs.set(name, [...(build.runs.get(name) ?? []), figures]);
				}
			}
		}
		for (const { name, runs } of builds) {
			console.log(
				`\nbench:api: ${name}: production bundle in plain workerd (rate limits: an in-process stand-in; Cache API: an in-memory stand-in in a second workerd, not counted), PostgreSQL 127.0.0.1:5432, ${connections} connections, ${duration} s each, median of ${rounds} rounds`,
			);
			console.log(figuresTable(runs));
		}
	} finally {
		for (const { workerd } of builds) await workerd.stop();
		await database.close();
		rmSync(folder, { recursive: true, force: true });
	}
});
