import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../lib/checkout";
import { controlOf, type PlainWorkerd, serve } from "./workerd-process";

export type { PlainWorkerd } from "./workerd-process";

const STAND_INS = new URL("./workerd/", import.meta.url).pathname;

/** The compatibility date and flags a checkout's worker is deployed with, from its wrangler.toml. */
function compatibilityOf(checkout: string): { date: string; flags: string } {
	const toml = readFileSync(join(checkout, "wrangler.toml"), "utf8");
	return {
		date: /^compatibility_date = "([^"]+)"/m.exec(toml)?.[1] ?? "",
		flags: /^compatibility_flags = (\[[^\]]*\])/m.exec(toml)?.[1] ?? "[]",
	};
}

/**
 * The benchmarks' stand-in for the Workers Cache API: an in-memory map in a workerd process
 * of its own, so that its work is not counted as the worker's (on Cloudflare the cache is
 * not the worker's CPU time either). It outlives the API processes that use it.
 */
export async function startCacheStandIn(options: { folder: string; port: number; checkout?: string }) {
	const { date } = compatibilityOf(options.checkout ?? ROOT);
	copyFileSync(`${STAND_INS}cache-stand-in.js`, join(options.folder, "cache-stand-in.js"));
	const config = join(options.folder, "cache.capnp");
	writeFileSync(
		config,
		`using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "cache", worker = (modules = [(name = "cache.js", esModule = embed "cache-stand-in.js")], compatibilityDate = "${date}"))],
  sockets = [(name = "http", address = "127.0.0.1:${options.port}", http = (), service = "cache")],
);
`,
	);
	return controlOf(
		await serve(config, `http://127.0.0.1:${options.port}/`),
		`http://127.0.0.1:${options.port}`,
	);
}

/**
 * Serves a bundled worker from the `workerd` binary that wrangler installs, with a config
 * written here: no wrangler dev proxy in front, so the figures are the worker's own. The
 * rate-limit bindings are an in-process stand-in (workerd/ beside this file); the Cache API
 * is the stand-in at `cachePort`. Ready once /healthz answers, or with `untouched`, once the
 * worker has started and before any request has reached it.
 */
export async function startApiWorkerd(options: {
	bundle: string;
	folder: string;
	port: number;
	cachePort: number;
	vars: Record<string, string>;
	/** The checkout the bundle was built from (this one by default): its compatibility settings. */
	checkout?: string;
	untouched?: boolean;
}): Promise<PlainWorkerd> {
	const compatibility = compatibilityOf(options.checkout ?? ROOT);
	// workerd embeds files from the config's own folder only.
	copyFileSync(options.bundle, join(options.folder, "index.js"));
	copyFileSync(`${STAND_INS}ratelimit-stand-in.js`, join(options.folder, "ratelimit-stand-in.js"));
	const text = Object.entries(options.vars).map(
		([name, value]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`,
	);
	const limiters = ["READ_LIMITER", "WRITE_LIMITER"].map(
		(name) => `(name = "${name}", wrapped = (moduleName = "bench:ratelimit"))`,
	);
	// Cloudflare binds the version's metadata; here, one fixed version of the same shape.
	const version = JSON.stringify({ id: "00000000-0000-4000-8000-000000000000", tag: "bench", timestamp: "" });
	const metadata = `(name = "VERSION", json = ${JSON.stringify(version)})`;
	const config = join(options.folder, "api.capnp");
	writeFileSync(
		config,
		`using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "api", worker = .api),
    (name = "cache", external = (address = "127.0.0.1:${options.cachePort}", http = ())),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${options.port}", http = (), service = "api")],
  extensions = [(modules = [(name = "bench:ratelimit", esModule = embed "ratelimit-stand-in.js", internal = true)])],
);
const api :Workerd.Worker = (
  modules = [(name = "index.js", esModule = embed "index.js")],
  compatibilityDate = "${compatibility.date}",
  compatibilityFlags = ${compatibility.flags},
  bindings = [${[...text, ...limiters, metadata].join(", ")}],
  globalOutbound = "internet",
  cacheApiOutbound = "cache",
);
`,
	);
	const url = `http://127.0.0.1:${options.port}`;
	return controlOf(await serve(config, options.untouched ? options.port : `${url}/healthz`), url);
}

/** The API in plain workerd (see startApiWorkerd) with a cache stand-in of its own. */
export async function startPlainWorkerd(options: {
	bundle: string;
	folder: string;
	ports: [api: number, cache: number];
	vars: Record<string, string>;
	checkout?: string;
}): Promise<PlainWorkerd> {
	const [port, cachePort] = options.ports;
	const cache = await startCacheStandIn({
		folder: options.folder,
		port: cachePort,
		checkout: options.checkout,
	});
	const api = await startApiWorkerd({ ...options, port, cachePort }).catch(async (error) => {
		await cache.stop();
		throw error;
	});
	return {
		...api,
		async stop() {
			await api.stop();
			await cache.stop();
		},
	};
}
