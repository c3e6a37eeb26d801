// npm run bench:geo [-- --rtt 5,80,230 --seconds S --outage-seconds S --clients N --think-ms MS]
// Several Cloudflare locations on this machine (the production bundle in a plain workerd
// each, a read cache each), one database behind the local Neon endpoint, a round trip per
// location. Production's clock runs twenty times faster: cache lifetimes and Neon's
// suspension after idle are production's divided by 20; a wake-up still takes 500 ms.
// Scenarios: steady state, the first requests after the database slept, a database outage;
// then all three again with stale serving switched off. Prints a table per scenario and
// the checks; exits 1 if a check fails with stale serving on.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { judgedScenarios } from "../bench/geo-judged";
import { warmUp } from "../bench/geo-scenarios";
import { startLocations } from "../bench/locations";
import { benchAdminUrl } from "../bench/shared";
import { CliError, commandFlags, runCommand, wholeNumberFlag } from "../lib/cli";
import { withNeonClient } from "../lib/neon-driver";
import { bundleForProduction } from "../lib/wrangler";
import { loadPassengers } from "../load/load-passengers";
import { Checks } from "../load-test/report";
import { startTcpProxy } from "../load-test/tcp-proxy";
import { migrateDatabase } from "../migrate";
import { startNeonEndpoint } from "../neon-endpoint/server";
import { createScratchDatabase } from "../scratch-database";

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
const PRODUCTION = { fresh: 60, stale: 600, ifError: 86_400, neonSuspendsAfter: 300 };
const lifetime = (seconds: number) => String(Math.round(seconds / SPEED_UP));
const MODES = [
	{ name: "stale serving on", stale: lifetime(PRODUCTION.stale), ifError: lifetime(PRODUCTION.ifError) },
	{ name: "stale serving off", stale: "0", ifError: "0" },
];
const SUSPEND_AFTER_MS = (PRODUCTION.neonSuspendsAfter / SPEED_UP) * 1000;
const TOKEN = "bench-geo-token";

runCommand(
	"bench:geo",
	async () => {
		const folder = mkdtempSync(join(tmpdir(), "titanic-bench-geo-"));
		const database = await createScratchDatabase(benchAdminUrl(), "titanic_geo");
		const target = new URL(database.url);
		const cut = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
		const viaCut = new URL(database.url);
		viaCut.port = String(cut.port);
		const endpoint = await startNeonEndpoint({
			databaseUrl: viaCut.toString(),
			maxConnections: 20,
			coldStart: { suspendAfterMs: SUSPEND_AFTER_MS, wakeMs: 500 },
		});
		const { check, failures } = new Checks();
		try {
			await migrateDatabase(database.url);
			await withNeonClient(database.url, (client) => loadPassengers(client, "data/titanic.csv"));
			const bundle = bundleForProduction(join(folder, "bundle"));
			for (const [m, mode] of MODES.entries()) {
				const vars = {
					APP_ENV: "production",
					LOG_LEVEL: "warn",
					CORS_ORIGINS: "*",
					CACHE_CONTROL: "public, no-cache",
					CACHE_TTL_SECONDS: lifetime(PRODUCTION.fresh),
					CACHE_STALE_SECONDS: mode.stale,
					CACHE_STALE_IF_ERROR_SECONDS: mode.ifError,
					DATABASE_URL: viaCut.toString(),
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
					const keptMs =
						1000 * Math.max(Number(vars.CACHE_TTL_SECONDS) + Number(mode.stale), Number(mode.ifError));
					const warm = await warmUp(locations, settings, keptMs);
					console.log(
						`\nbench:geo, ${mode.name}: lifetimes ${vars.CACHE_TTL_SECONDS} / ${vars.CACHE_STALE_SECONDS} / ${vars.CACHE_STALE_IF_ERROR_SECONDS} s (fresh / stale / stale-if-error), the database suspends after ${SUSPEND_AFTER_MS / 1000} s idle and wakes in 500 ms; ${flags.clients} readers per location, ${flags.thinkMs} ms apart, two roaming clients per home`,
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
