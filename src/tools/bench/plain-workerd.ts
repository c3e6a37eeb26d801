import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT } from "../lib/checkout";
import { CliError, EXIT } from "../lib/cli";

const STAND_INS = new URL("./workerd/", import.meta.url).pathname;

/** The compatibility date and flags a checkout's worker is deployed with, from its wrangler.toml. */
function compatibilityOf(checkout: string): { date: string; flags: string } {
	const toml = readFileSync(join(checkout, "wrangler.toml"), "utf8");
	return {
		date: /^compatibility_date = "([^"]+)"/m.exec(toml)?.[1] ?? "",
		flags: /^compatibility_flags = (\[[^\]]*\])/m.exec(toml)?.[1] ?? "[]",
	};
}

export interface PlainWorkerd {
	url: string;
	/** CPU seconds the workerd process has used so far, in user space and in the kernel. */
	cpuSeconds(): { user: number; system: number };
	stop(): Promise<void>;
}

/** Runs `workerd serve` on a config; resolves once `probe` answers. */
async function serve(config: string, probe: string): Promise<ChildProcess> {
	const binary = createRequire(import.meta.url).resolve("@cloudflare/workerd-linux-64/bin/workerd");
	const child = spawn(binary, ["serve", config, "--experimental"], { stdio: ["ignore", "ignore", "pipe"] });
	let stderr = "";
	child.stderr?.on("data", (chunk) => {
		stderr += chunk;
	});
	const deadline = Date.now() + 15_000;
	while (
		!(await fetch(probe).then(
			() => true,
			() => false,
		))
	) {
		if (Date.now() > deadline || child.exitCode !== null) {
			child.kill("SIGKILL");
			throw new CliError(`workerd did not start: ${stderr.trim().slice(0, 2000)}`, EXIT.database);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return child;
}

async function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return;
	const exited = new Promise((resolve) => child.once("exit", resolve));
	child.kill("SIGTERM");
	await exited;
}

/**
 * Serves a bundled worker from the `workerd` binary that wrangler installs, with configs
 * written here: no wrangler dev proxy in front, so the figures are the worker's own. The
 * rate-limit bindings are an in-process stand-in; the Cache API is a stand-in served by a
 * second workerd process, so that its work is not counted as the worker's (on Cloudflare
 * the cache is not the worker's CPU time either). Both stand-ins are in workerd/ beside this file.
 */
export async function startPlainWorkerd(options: {
	bundle: string;
	folder: string;
	ports: [api: number, cache: number];
	vars: Record<string, string>;
	/** The checkout the bundle was built from (this one by default): its compatibility settings. */
	checkout?: string;
}): Promise<PlainWorkerd> {
	const [apiPort, cachePort] = options.ports;
	const compatibility = compatibilityOf(options.checkout ?? ROOT);
	// workerd embeds files from the config's own folder only.
	copyFileSync(options.bundle, join(options.folder, "index.js"));
	for (const stub of ["ratelimit-stand-in.js", "cache-stand-in.js"]) {
		copyFileSync(`${STAND_INS}${stub}`, join(options.folder, stub));
	}
	const cacheConfig = join(options.folder, "cache.capnp");
	writeFileSync(
		cacheConfig,
		`using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "cache", worker = (modules = [(name = "cache.js", esModule = embed "cache-stand-in.js")], compatibilityDate = "${compatibility.date}"))],
  sockets = [(name = "http", address = "127.0.0.1:${cachePort}", http = (), service = "cache")],
);
`,
	);
	const text = Object.entries(options.vars).map(
		([name, value]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`,
	);
	const limiters = ["READ_LIMITER", "WRITE_LIMITER"].map(
		(name) => `(name = "${name}", wrapped = (moduleName = "bench:ratelimit"))`,
	);
	// Cloudflare binds the version's metadata; here, one fixed version of the same shape.
	const version = JSON.stringify({ id: "00000000-0000-4000-8000-000000000000", tag: "bench", timestamp: "" });
	const metadata = `(name = "VERSION", json = ${JSON.stringify(version)})`;
	const apiConfig = join(options.folder, "api.capnp");
	writeFileSync(
		apiConfig,
		`using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "api", worker = .api),
    (name = "cache", external = (address = "127.0.0.1:${cachePort}", http = ())),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${apiPort}", http = (), service = "api")],
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
	const cache = await serve(cacheConfig, `http://127.0.0.1:${cachePort}/`);
	const url = `http://127.0.0.1:${apiPort}`;
	const api = await serve(apiConfig, `${url}/healthz`).catch(async (error) => {
		await stop(cache);
		throw error;
	});
	return {
		url,
		cpuSeconds() {
			// /proc/<pid>/stat fields 14 and 15: user and system time in clock ticks (100 a second).
			const fields = readFileSync(`/proc/${api.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
			return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
		},
		async stop() {
			await stop(api);
			await stop(cache);
		},
	};
}
