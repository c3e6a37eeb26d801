// npm run bench:geo [-- --rtt 5,80,230 --seconds S --outage-seconds S --clients N --think-ms MS]
// Several Cloudflare locations on this machine (the production bundle in a plain workerd
// each, a read cache each), one database behind the local Neon endpoint, a round trip per
// location. Production's settings (wrangler.toml) on a clock twenty times faster: cache
// lifetimes and Neon's suspension after idle are divided by 20; a wake-up still takes 500 ms.
// Scenarios: steady state, the first requests after the database slept, a database outage;
// then all three again with stale serving switched off. Prints a table per scenario and
// the checks; exits 1 if a check fails with stale serving on.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lifetimesOf, retentionOf } from "../../lib/edge-cache/lifetimes";
import { judgedScenarios } from "../bench/geo-judged";
import { warmUp } from "../bench/geo-scenarios";
import { startLocations } from "../bench/locations";
import { CliError, commandFlags, runCommand, wholeNumberFlag } from "../lib/cli";
import { withNeonClient } from "../lib/neon-driver";
import { bundleForProduction, productionVars } from "../lib/wrangler";
import { loadPassengers } from "../load/load-passengers";
import { cuttableDatabase } from "../load-test/cuttable-database";
import { Checks } from "../load-test/report";
import { migrateDatabase } from "../migrate";
import { startNeonEndpoint } from "../neon-endpoint/server";

const usage =
	"npm run bench:geo [-- --rtt 5,80,230 --seconds S --outage-seconds S --clients N --think-ms MS]";
const flags = commandFlags(
	"bench:geo",
	usage,
	{
		rtt: { type: "string", default: "5,80,230" },
		seconds: { type: "string", default: "20" },
		"outage-seconds": { type: "string", default: "30" },
		clients: { type: "string", default: "4" },
		"think-ms": { type: "string", default: "25" },
	},
	(values) => ({
		rttsMs: values.rtt.split(",").map((rtt) => wholeNumberFlag("rtt", rtt, 0)),
		seconds: wholeNumberFlag("seconds", values.seconds),
		outageSeconds: wholeNumberFlag("outage-seconds", values["outage-seconds"]),
		clients: wholeNumberFlag("clients", values.clients),
		thinkMs: wholeNumberFlag("think-ms", values["think-ms"]),
	}),
);

// Production's settings (wrangler.toml [env.production]) on a clock twenty times faster.
const SPEED_UP = 20;
const fasterClock = (seconds = "0") => String(Math.round(Number(seconds) / SPEED_UP));
const MODES = [
	{ name: "stale serving on", staleServing: true },
	{ name: "stale serving off", staleServing: false },
];
// Neon suspends a compute after 5 minutes without queries (its default), and wakes it in a
// few hundred milliseconds.
const SUSPEND_AFTER_MS = ((5 * 60) / SPEED_UP) * 1000;
const WAKE_MS = 500;
const TOKEN = "bench-geo-token";

runCommand(
	"bench:geo",
	async () => {
		const folder = mkdtempSync(join(tmpdir(), "titanic-bench-geo-"));
		const { database, proxy: cut, urlViaProxy: viaCut } = await cuttableDatabase("titanic_geo");
		const endpoint = await startNeonEndpoint({
			databaseUrl: viaCut,
			maxConnections: 20,
			coldStart: { suspendAfterMs: SUSPEND_AFTER_MS, wakeMs: WAKE_MS },
		});
		const { check, failures } = new Checks();
		try {
			await migrateDatabase(database.url);
			await withNeonClient(database.url, (client) => loadPassengers(client, "data/titanic.csv"));
			const bundle = bundleForProduction(join(folder, "bundle"));
			const production = await productionVars();
			for (const [m, mode] of MODES.entries()) {
				// Production's settings, on the faster clock.
				const vars = {
					...production,
					LOG_LEVEL: "warn",
					CACHE_TTL_SECONDS: fasterClock(production.CACHE_TTL_SECONDS),
					CACHE_STALE_SECONDS: mode.staleServing ? fasterClock(production.CACHE_STALE_SECONDS) : "0",
					CACHE_STALE_IF_ERROR_SECONDS: mode.staleServing
						? fasterClock(production.CACHE_STALE_IF_ERROR_SECONDS)
						: "0",
					DATABASE_URL: viaCut,
					API_TOKEN: TOKEN,
				};
				const locations = await startLocations({
					bundle,
					folder: join(folder, String(m)),
					rttsMs: flags.rttsMs,
					endpoint: endpoint.httpUrl,
					vars,
				});
				try {
					const settings = {
						token: TOKEN,
						clientsPerLocation: flags.clients,
						thinkMs: flags.thinkMs,
						writeShare: 0.005,
					};
					const keptMs = 1000 * retentionOf(lifetimesOf(vars));
					const warm = await warmUp(locations, settings, keptMs);
					console.log(
						`\nbench:geo, ${mode.name}: lifetimes ${vars.CACHE_TTL_SECONDS} / ${vars.CACHE_STALE_SECONDS} / ${vars.CACHE_STALE_IF_ERROR_SECONDS} s (fresh / stale / stale-if-error), the database suspends after ${SUSPEND_AFTER_MS / 1000} s idle and wakes in ${WAKE_MS} ms; ${flags.clients} readers per location, ${flags.thinkMs} ms apart, two roaming clients per home`,
					);
					// Stale serving off is the comparison: its checks are printed, not required.
					const judge =
						m === 0 ? check : (ok: boolean, what: string) => console.log(`${ok ? "✓" : "✗"} ${what}`);
					await judgedScenarios({
						locations,
						warm,
						rttsMs: flags.rttsMs,
						seconds: flags.seconds,
						outageSeconds: flags.outageSeconds,
						sleepMs: SUSPEND_AFTER_MS + 1_000,
						cut,
						endpoint: endpoint.httpUrl,
						databaseUrl: database.url,
						judge,
					});
				} finally {
					await locations.stop();
				}
			}
		} finally {
			await endpoint.close();
			await cut.close();
			await database.drop();
			rmSync(folder, { recursive: true, force: true });
		}
		if (failures.length) throw new CliError(`${failures.length} check(s) failed: ${failures.join("; ")}`);
	},
	usage,
);
