import { benchAdminUrl } from "../bench/shared";
import { createScratchDatabase } from "../scratch-database";
import { startTcpProxy } from "./tcp-proxy";

/**
 * A scratch database on the benchmarks' server (BENCH_DATABASE_URL), and a URL of it through
 * a TCP proxy that can cut the path to it: the database outage of test:load and bench:geo.
 */
export async function cuttableDatabase(prefix: string) {
	const database = await createScratchDatabase(benchAdminUrl(), prefix);
	const target = new URL(database.url);
	const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
	const viaProxy = new URL(database.url);
	viaProxy.port = String(proxy.port);
	return { database, proxy, urlViaProxy: viaProxy.toString() };
}
