// npm run bench:scale [-- --rows N --samples S]
// Database time per kind of read (lists, a lookup, statistics) at the real 887 rows and at N synthetic rows
// (default 1,000,000) loaded through db:load: a scratch database on the machine's
// PostgreSQL, `wrangler dev` in front, Server-Timing's db duration per request, p50 and
// p95 of S samples, and how Postgres reads the table for each kind (its plan's scans).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { encodeCursor } from "../../lib/cursor";
import { SORT_KEYS } from "../../routes/people/people.order";
import { planShape } from "../bench/plan-shape";
import { benchAdminUrl, lastStatements, runProcess, timed } from "../bench/shared";
import { surname, writeSyntheticCsv } from "../bench/synthetic-passengers";
import { TOOL_RUNNER } from "../lib/checkout";
import { commandFlags, runCommand, wholeNumberFlag } from "../lib/cli";
import { freePort } from "../lib/ports";
import { percentile } from "../load-test/report";
import { type LocalStack, startLocalStack } from "../local-stack";
import { createScratchDatabase } from "../scratch-database";

const { rows, samples } = commandFlags(
	"bench:scale",
	"npm run bench:scale [-- --rows N --samples S]",
	{ rows: { type: "string", default: "1000000" }, samples: { type: "string", default: "15" } },
	(values) => ({
		rows: wholeNumberFlag("rows", values.rows),
		samples: wholeNumberFlag("samples", values.samples),
	}),
);

/** What the request kinds need to know of the table: a person, search terms, deep positions. */
interface Probe {
	uuid: string;
	rare: string;
	common: string;
	deepOffset: number;
	deepCursor: string;
	deepAgeCursor: string;
	lastUrl: string;
}

type Kind = [name: string, path: (probe: Probe) => string, headers?: Record<string, string>];
const EVERY_GROUP = "groupBy=passengerClass,sex,ageBand";
const KINDS: Kind[] = [
	["lookup GET /people/{uuid}", (p) => `/people/${p.uuid}`],
	["first page, default (limit 1000)", () => "/people"],
	["first page, limit 100", () => "/people?limit=100"],
	...SORT_KEYS.map((sort): Kind => [`sort=${sort}, limit 100`, () => `/people?sort=${sort}&limit=100`]),
	["q, a rare surname", (p) => `/people?limit=100&q=${p.rare}`],
	["q, a common part", (p) => `/people?limit=100&q=${p.common}`],
	["filters (survived, class, sex)", () => "/people?limit=100&survived=true&passengerClass=1&sex=female"],
	["filters + sort", () => "/people?limit=100&survived=true&sex=male&sort=-fare"],
	[
		"filters matching few (1st-class women) + sort",
		() => "/people?limit=100&passengerClass=1&sex=female&sort=-fare",
	],
	[
		"filters matching nobody + sort",
		() => "/people?limit=100&passengerClass=1&sex=female&survived=false&sort=-fare",
	],
	["filter + search + sort", (p) => `/people?limit=100&sex=male&q=${p.common}&sort=age`],
	["survived + a common name part + sort", (p) => `/people?limit=100&survived=true&q=${p.common}&sort=age`],
	["range: age 18 to under 30", () => "/people?limit=100&age=gte.18&age=lt.30"],
	["range, fractional: age under 1", () => "/people?limit=100&age=lt.1"],
	["range + sort: fare over 100 by fare", () => "/people?limit=100&fare=gt.100&sort=-fare"],
	[
		"sets: class in (1,2), sex in (female,other)",
		() => "/people?limit=100&passengerClass=in.(1,2)&sex=in.(female,other)",
	],
	[
		"range + sets + sort (women 18–29, 1st/2nd class, by age)",
		() => "/people?limit=100&age=gte.18&age=lt.30&passengerClass=in.(1,2)&sex=female&sort=age",
	],
	["select=name,age, a range", () => "/people?limit=100&select=name,age&age=gte.65"],
	[
		"CSV export, a range and a selection",
		() => "/people?limit=100&fare=gt.100&select=name,fare",
		{ Accept: "text/csv" },
	],
	["deep page by cursor (90 %)", (p) => `/people?limit=100&cursor=${p.deepCursor}`],
	["deep page by cursor, sort=age (90 %)", (p) => `/people?limit=100&sort=age&cursor=${p.deepAgeCursor}`],
	["last page (Link rel=last)", (p) => p.lastUrl],
	["deep page by offset (90 %)", (p) => `/people?limit=100&offset=${p.deepOffset}`],
	["count, default (estimated)", () => "/people?limit=1"],
	["count, Prefer: count=exact", () => "/people?limit=1", { Prefer: "count=exact" }],
	["stats, default", () => "/people/stats"],
	["stats, every grouping", () => `/people/stats?${EVERY_GROUP}`],
	["stats, filters + grouping", () => "/people/stats?survived=true&sex=female&groupBy=passengerClass"],
	[
		"stats, age range + sets, every grouping",
		() => `/people/stats?age=gte.18&age=lt.30&passengerClass=in.(1,2)&${EVERY_GROUP}`,
	],
	["stats, fare range (counted), by sex", () => "/people/stats?fare=gt.500&groupBy=sex"],
	["stats HTML page (browser)", () => "/people/stats", { Accept: "text/html" }],
	["stats, q a rare surname, every grouping", (p) => `/people/stats?q=${p.rare}&${EVERY_GROUP}`],
	// Matches most of the table: answered 422 past STATS_SEARCH_LIMIT matches.
	["stats, q=a, every grouping", () => `/people/stats?q=a&${EVERY_GROUP}`],
];

runCommand("bench:scale", async () => {
	const database = await createScratchDatabase(benchAdminUrl(), "titanic_scale");
	const folder = mkdtempSync(join(tmpdir(), "titanic-scale-"));
	const stack = await startLocalStack({
		databaseUrl: database.url,
		seedCsv: "data/titanic.csv",
		port: await freePort(),
	});
	const client = new pg.Client(database.url);
	await client.connect();
	try {
		console.log(`bench:scale: wrangler dev on PostgreSQL, ${samples} samples per request kind`);
		const small = await measure(stack, client, await probe(stack, client, "braund", "mrs"));
		const csv = join(folder, "synthetic.csv");
		const { surnameCounts } = await writeSyntheticCsv(csv, rows);
		const load = timed(() =>
			runProcess(process.execPath, [...TOOL_RUNNER, "src/tools/bin/load.ts", csv], {
				DATABASE_URL: database.url,
			}),
		);
		console.log(
			`bench:scale: db:load took ${load.seconds.toFixed(1)} s for ${rows} rows; then VACUUM, as autovacuum would`,
		);
		await client.query("VACUUM (ANALYZE) passengers");
		const rare = [...surnameCounts].sort(([, a], [, b]) => Math.abs(a - 38) - Math.abs(b - 38))[0]?.[0] ?? 0;
		const large = await measure(stack, client, await probe(stack, client, surname(rare), "mrs"));
		const total = rows + 887;
		console.log(
			`| request | 887 rows: db p50 / p95 ms | ${total} rows: db p50 / p95 ms | status, count at ${total} | plan at ${total} |`,
		);
		console.log("|---|---:|---:|---|---|");
		for (const [i, [name]] of KINDS.entries()) {
			const [s, l] = [small[i], large[i]];
			console.log(
				`| ${name} | ${s?.p50} / ${s?.p95} | ${l?.p50} / ${l?.p95} | ${l?.status} ${l?.count} | ${l?.plan} |`,
			);
		}
	} finally {
		await client.end();
		await stack.stop();
		await database.drop();
		rmSync(folder, { recursive: true, force: true });
	}
});

async function probe(stack: LocalStack, client: pg.Client, rare: string, common: string): Promise<Probe> {
	const { rows: counted } = await client.query("SELECT count(*)::int AS n FROM passengers");
	const deepOffset = Math.floor((counted[0]?.n ?? 0) * 0.9);
	const row = async (order: string) =>
		(
			await client.query(`SELECT id, uuid, age FROM passengers ORDER BY ${order} OFFSET $1 LIMIT 1`, [
				deepOffset,
			])
		).rows[0];
	const byId = await row("id");
	const byAge = await row("age, id");
	const first = await fetch(`${stack.apiUrl}/people?limit=100`);
	const lastUrl = /<([^>]+)>; rel="last"/.exec(first.headers.get("Link") ?? "")?.[1] ?? "";
	return {
		uuid: byId.uuid,
		rare,
		common,
		deepOffset,
		deepCursor: await encodeCursor({ sort: "", before: false, at: [byId.id] }),
		deepAgeCursor: await encodeCursor({ sort: "age", before: false, at: [byAge.age, byAge.id] }),
		// The API's links are relative to it.
		lastUrl: `${new URL(lastUrl, stack.apiUrl).pathname}${new URL(lastUrl, stack.apiUrl).search}`,
	};
}

async function measure(stack: LocalStack, client: pg.Client, probe: Probe) {
	const results = [];
	for (const [, path, headers] of KINDS) {
		const url = `${stack.apiUrl}${path(probe)}`;
		const timings: number[] = [];
		let count = "";
		let status = 0;
		for (let i = 0; i < samples + 2; i++) {
			// Past the read cache: every sample reaches the database.
			const response = await fetch(url, { headers: { ...headers, "Cache-Control": "no-cache" } });
			await response.arrayBuffer();
			status = response.status;
			if (status !== 200 && status !== 422) throw new Error(`${url} answered ${status}`);
			const db = Number(/db;dur=([\d.]+)/.exec(response.headers.get("Server-Timing") ?? "")?.[1]);
			if (i >= 2) timings.push(db);
			count = response.headers.get("X-Total-Count-Mode") ?? "";
		}
		const plan = await planShape(client, await lastStatements(stack.neonHttpEndpoint));
		timings.sort((a, b) => a - b);
		const at = (q: number) => percentile(timings, q).toFixed(1);
		results.push({ p50: at(0.5), p95: at(0.95), status, count, plan });
	}
	return results;
}
