// npm run test:load [-- --duration S --fault-seconds S --bad-requests N --connections N]
// Proof under load, faults and bad input, against `wrangler dev` on the machine's
// PostgreSQL (a scratch database behind a TCP proxy that can cut the database path):
//   A. mixed load, 80 % reads / 20 % writes: no 5xx, every acknowledged write readable;
//   B. the same load, beginning against a database asleep (a cold start), with the database
//      path cut for a while: 503s within seconds, no hangs, reads of what was read before
//      answered from the cache, recovery on its own, no acknowledged write lost;
//   C. generated bad requests (fast-check): no 5xx.
// Prints its figures and exits 1 when a check fails.

import { setTimeout as sleep } from "node:timers/promises";
import fc from "fast-check";
import type { Person } from "../../db/person.schemas";
import { CliError, commandFlags, runCommand, wholeNumberFlag } from "../lib/cli";
import { freePort } from "../lib/ports";
import { badRequest } from "../load-test/bad-requests";
import { cuttableDatabase } from "../load-test/cuttable-database";
import { missing, mixedLoad } from "../load-test/mixed-load";
import { Checks, count, type Outcome, readsOfHeldPaths, report, summarise } from "../load-test/report";
import { sendBadRequests } from "../load-test/send-bad-requests";
import { startLocalStack } from "../local-stack";

const { duration, faultSeconds, badRequests, connections } = commandFlags(
	"test:load",
	"npm run test:load [-- --duration S --fault-seconds S --bad-requests N --connections N]",
	{
		duration: { type: "string", default: "60" },
		"fault-seconds": { type: "string", default: "10" },
		"bad-requests": { type: "string", default: "10000" },
		connections: { type: "string", default: "50" },
	},
	(values) => ({
		duration: wholeNumberFlag("duration", values.duration),
		faultSeconds: wholeNumberFlag("fault-seconds", values["fault-seconds"]),
		badRequests: wholeNumberFlag("bad-requests", values["bad-requests"], 0),
		connections: wholeNumberFlag("connections", values.connections),
	}),
);
// A request in flight when the path is cut or mended may end just after: grace around the window.
const GRACE_MS = 2_000;
// Neon's scale to zero, on a short fuse: the database sleeps between the phases.
const COLD_START = { suspendAfterMs: 3_000, wakeMs: 500 };

runCommand("test:load", async () => {
	const { database, proxy, urlViaProxy } = await cuttableDatabase("titanic_load");
	const stack = await startLocalStack({
		databaseUrl: urlViaProxy,
		seedCsv: "data/titanic.csv",
		port: await freePort(),
		coldStart: COLD_START,
	});
	const { check, failures } = new Checks();
	try {
		const uuids = ((await (await fetch(`${stack.apiUrl}/people`)).json()) as Person[]).map((p) => p.uuid);
		console.log(`test:load: wrangler dev on PostgreSQL via a cuttable proxy, ${connections} connections`);

		const clean = await mixedLoad(stack.apiUrl, uuids, duration, connections);
		report("A. mixed load", clean.outcomes, duration);
		check(count(clean.outcomes, (o) => o.status >= 500) === 0, "A: no 5xx");
		check(clean.errors === 0, `A: no timeouts or broken connections (${clean.errors})`);
		check(
			(await missing(database.url, clean.acked)) === 0,
			`A: all ${clean.acked.length} acknowledged writes readable`,
		);

		// B begins against a database that has gone to sleep, as Neon's does when idle.
		await sleep(COLD_START.suspendAfterMs + 500);
		const around = Math.min(10, Math.max(2, duration / 2));
		const cutAt = around * 1000;
		const restoreAt = (around + faultSeconds) * 1000;
		const seconds = around * 2 + faultSeconds;
		const faulty = await mixedLoad(stack.apiUrl, uuids, seconds, connections, { proxy, cutAt, restoreAt });
		report(
			`B. the same, from a database asleep (it wakes in ${COLD_START.wakeMs} ms), cut from ${around} s to ${around + faultSeconds} s`,
			faulty.outcomes,
			seconds,
		);
		const inWindow = (o: Outcome) => o.at >= cutAt && o.at <= restoreAt + GRACE_MS;
		const during = faulty.outcomes.filter(inWindow);
		const outside = faulty.outcomes.filter((o) => !inWindow(o));
		check(count(outside, (o) => o.status >= 500) === 0, "B: no 5xx outside the cut (± 2 s grace)");
		check(
			during.every((o) => o.status < 500 || o.status === 503),
			`B: during the cut, only 503s: ${count(during, (o) => o.status === 503)} of ${during.length} requests`,
		);
		const held = readsOfHeldPaths(faulty.outcomes, { from: cutAt + GRACE_MS, to: restoreAt });
		check(
			held.every((o) => o.status === 200),
			`B: reads during the cut of URLs answered before it are answered (stale-if-error): ${count(held, (o) => o.status === 200)} of ${held.length}`,
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
