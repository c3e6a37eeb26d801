// npm run bench:cold [-- --samples N --hit-budget MS|P% --against DIR]
// Cold start per kind of first request: for each sample, a fresh plain workerd process with
// the production bundle (what build:check builds) serves one request, as Cloudflare hands it
// over (with a client address and a Ray ID), and the CPU the process spent until its answer
// was read, minus the same for a hello-world worker that logs a line as the API does
// (cold-start.ts says why), is the worker's cold start: compiling and evaluating its
// modules and serving that first request. Medians of
// the samples, beside `wrangler check startup`'s figure for the same bundle. With
// --against, another checkout's bundle runs too, each sample next to this one's, alternately
// after and before it (on people of its own, so that neither answers from what the other
// stored), and the median of the samples' differences beside the two medians. With
// --hit-budget, fails when a cold cache hit costs more than that: milliseconds, or a share of a
// cold list read (which loads the whole API), which holds on a machine slower or faster than
// usual (CI holds it to its budget).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Person } from "../../db/person.schemas";
import { CLIENT, firstRequests, HIT, LIST } from "../bench/cold-kinds";
import { checkStartup, coldStart, type FirstRequest, helloWorldBundle } from "../bench/cold-start";
import { median } from "../bench/kind-figures";
import { benchVars, startPassengerDatabase } from "../bench/passenger-database";
import { startCacheStandIn, startPlainWorkerd } from "../bench/plain-workerd";
import { otherCheckout, ROOT, shortCommit } from "../lib/checkout";
import { CliError, commandFlags, runCommand, wholeNumberFlag } from "../lib/cli";
import { freePort } from "../lib/ports";
import { bundleForProduction } from "../lib/wrangler";

const { samples, hitBudget, against } = commandFlags(
	"bench:cold",
	"npm run bench:cold [-- --samples N --hit-budget MS|P% --against DIR]",
	{
		samples: { type: "string", default: "9" },
		"hit-budget": { type: "string" },
		against: { type: "string" },
	},
	(values) => ({
		samples: wholeNumberFlag("samples", values.samples),
		hitBudget: values["hit-budget"] === undefined ? undefined : budgetFlag(values["hit-budget"]),
		against: values.against === undefined ? undefined : otherCheckout("--against", values.against),
	}),
);

/** `--hit-budget 25` (milliseconds) or `--hit-budget 50%` (of a cold list read). */
function budgetFlag(value: string): { limit: number; share: boolean } {
	const share = value.endsWith("%");
	return { limit: wholeNumberFlag("hit-budget", share ? value.slice(0, -1) : value), share };
}

/** One checkout's bundle under the bench, and the CPU of each sample of each kind. */
interface Build {
	name: string;
	checkout: string;
	bundle: string;
	vars: Record<string, string>;
	cpu: Map<string, number[]>;
}

runCommand("bench:cold", async () => {
	const folder = mkdtempSync(join(tmpdir(), "titanic-bench-cold-"));
	const database = await startPassengerDatabase();
	const cachePort = await freePort();
	const cache = await startCacheStandIn({ folder, port: cachePort });
	try {
		const builds: Build[] = [];
		for (const [i, checkout] of [ROOT, ...(against ? [against] : [])].entries()) {
			const vars = await benchVars(checkout, database);
			const bundle = bundleForProduction(join(folder, `bundle-${i}`), checkout);
			const name = `${i === 0 ? "this checkout" : checkout} (${shortCommit(checkout)})`;
			builds.push({ name, checkout, bundle, vars, cpu: new Map() });
		}
		// The people, listed by a throwaway instance with a cache of its own.
		const listing = join(folder, "lister");
		mkdirSync(listing);
		const [first] = builds as [Build];
		const ports: [number, number] = [await freePort(), await freePort()];
		const lister = await startPlainWorkerd({
			bundle: first.bundle,
			folder: listing,
			ports,
			vars: first.vars,
		});
		// A person of its own for each sample of each checkout (the read stores what the hit reads).
		const needed = samples * builds.length;
		const response = await fetch(`${lister.url}/people?limit=${Math.min(needed, 1000)}`, { headers: CLIENT });
		const people = (await response.json()) as Person[];
		await lister.stop();
		if (people.length < needed)
			throw new CliError(
				`--samples ${samples} needs ${needed} people, one for each sample of each checkout; the bench's database lists ${people.length}`,
			);
		const kinds = firstRequests(people);
		const hello: FirstRequest = { name: "hello-world", request: () => ({ path: "/" }), expect: (r) => r.ok };
		const helloBundle = helloWorldBundle(folder);
		const helloCpu: number[] = [];
		for (let n = 0; n < samples; n++) {
			helloCpu.push(await coldStart({ bundle: helloBundle, folder, cachePort, vars: {}, first: hello, n }));
			for (const kind of kinds) {
				// Alternately first and second, so that neither side always runs on the heels of the other.
				const pair = [...builds.entries()];
				for (const [i, build] of n % 2 ? pair.reverse() : pair) {
					const ms = await coldStart({
						...build,
						folder: join(folder, String(i)),
						cachePort,
						first: kind,
						n: n * builds.length + i,
					});
					build.cpu.set(kind.name, [...(build.cpu.get(kind.name) ?? []), ms]);
				}
			}
		}
		const helloMs = median(helloCpu);
		const checks = Math.min(samples, 5);
		const startups = builds.map(({ checkout }) =>
			median(Array.from({ length: checks }, () => checkStartup(folder, checkout))),
		);
		console.log(
			`\nbench:cold: the production bundle in a fresh plain workerd per sample (Cache API: an in-memory stand-in in another process; PostgreSQL 127.0.0.1:5432 through the local Neon endpoint), median of ${samples}; a hello-world worker's cold start (one request, one log line), ${helloMs.toFixed(1)} ms, subtracted`,
		);
		const worker = (build: Build, kind: string) => median(build.cpu.get(kind) ?? []) - helloMs;
		// With --against, the median of each sample's difference too: the two runs of a sample
		// are moments apart, so the machine's drift over the run moves it less than the medians.
		const [, other] = builds;
		const paired = (kind: string) => {
			const theirs = other?.cpu.get(kind) ?? [];
			return median((first.cpu.get(kind) ?? []).map((ms, n) => ms - (theirs[n] ?? ms))).toFixed(1);
		};
		const row = (cells: string[]) => console.log(`| ${cells.join(" | ")} |`);
		row([
			"worker CPU ms until the answer",
			...builds.map(({ name }) => name),
			...(other ? ["difference, paired samples"] : []),
		]);
		row(["---", ...builds.map(() => "---:"), ...(other ? ["---:"] : [])]);
		for (const { name } of kinds)
			row([name, ...builds.map((b) => worker(b, name).toFixed(1)), ...(other ? [paired(name)] : [])]);
		const startupDifference = `${((startups[0] ?? 0) - (startups[1] ?? 0)).toFixed(1)} (of the medians)`;
		row([
			`wrangler check startup: start-up alone ("Active", median of ${checks})`,
			...startups.map((ms) => ms.toFixed(1)),
			...(other ? [startupDifference] : []),
		]);
		const [hit, list] = [worker(first, HIT), worker(first, LIST)];
		const budget = hitBudget?.share ? (list * hitBudget.limit) / 100 : hitBudget?.limit;
		if (budget !== undefined && hit > budget) {
			const of = hitBudget?.share ? ` (${hitBudget.limit} % of a cold list read, ${list.toFixed(1)} ms)` : "";
			throw new CliError(
				`a cold cache hit costs ${hit.toFixed(1)} ms of CPU, over its budget of ${budget.toFixed(1)} ms${of}`,
			);
		}
	} finally {
		await cache.stop();
		await database.close();
		rmSync(folder, { recursive: true, force: true });
	}
});
