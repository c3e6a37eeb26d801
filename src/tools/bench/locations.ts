import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../lib/ports";
import { type LatencyProxy, startLatencyProxy } from "./latency-proxy";
import { type PlainWorkerd, startPlainWorkerd } from "./plain-workerd";

/** A Cloudflare location, played on this machine. */
export interface Location {
	/** Its round trip to the database, which names it in reports. */
	rttMs: number;
	url: string;
	workerd: PlainWorkerd;
}

export interface Locations {
	all: Location[];
	stop(): Promise<void>;
}

/**
 * Several Cloudflare locations on one machine, one per round-trip time in `rttsMs`: the
 * production bundle in a plain workerd each, with a read cache of its own (bench:api's
 * stand-in), reaching the local Neon endpoint through a proxy that adds the round trip.
 * `vars` are the worker's settings; NEON_HTTP_ENDPOINT is each location's proxy.
 */
export async function startLocations(options: {
	bundle: string;
	folder: string;
	rttsMs: number[];
	endpoint: string;
	vars: Record<string, string>;
}): Promise<Locations> {
	const all: Location[] = [];
	const proxies: LatencyProxy[] = [];
	const stop = async () => {
		for (const { workerd } of all.splice(0)) await workerd.stop();
		for (const proxy of proxies.splice(0)) await proxy.close();
	};
	try {
		for (const [i, rttMs] of options.rttsMs.entries()) {
			const proxy = await startLatencyProxy(options.endpoint, rttMs);
			proxies.push(proxy);
			const folder = join(options.folder, `location-${i}`);
			mkdirSync(folder, { recursive: true });
			const workerd = await startPlainWorkerd({
				bundle: options.bundle,
				folder,
				ports: [await freePort(), await freePort()],
				vars: { ...options.vars, NEON_HTTP_ENDPOINT: proxy.url },
			});
			all.push({ rttMs, url: workerd.url, workerd });
		}
	} catch (error) {
		await stop();
		throw error;
	}
	return { all, stop };
}
