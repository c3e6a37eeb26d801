import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../lib/checkout";
import { CliError } from "../lib/cli";
import { freePort } from "../lib/ports";
import { WRANGLER_OFFLINE_ENV } from "../lib/wrangler";
import { startApiWorkerd } from "./plain-workerd";

/** A first request of one kind, and what its answer must show to be that kind. */
export interface FirstRequest {
	name: string;
	/** The request of sample `n`. */
	request: (n: number) => { path: string; init?: RequestInit };
	expect: (response: Response) => boolean;
}

// The hello-world worker logs a line per request, as the API does: workerd run as a local
// server (ConsoleMode STDOUT in its worker.c++) formats console output for a terminal with
// JavaScript it loads on an isolate's first line, 2 to 3 ms here; Cloudflare's runtime hands
// the line to Workers Logs as JSON and runs no such formatter. Paid by both, it cancels out.
const HELLO_WORLD = `export default {
	fetch() {
		console.log('{"level":"info","msg":"request"}');
		return new Response("hello");
	},
};
`;

/**
 * One cold start: a fresh workerd process with `bundle`, one request, and the CPU the
 * process spent until its answer was read (start-up, the worker's module evaluation and the
 * request). The process is stopped before this returns.
 */
export async function coldStart(options: {
	bundle: string;
	folder: string;
	cachePort: number;
	vars: Record<string, string>;
	/** The checkout the bundle was built from: its compatibility settings. */
	checkout?: string;
	first: FirstRequest;
	n: number;
}): Promise<number> {
	const folder = join(options.folder, `${options.first.name.replace(/\W+/g, "-")}-${options.n}`);
	mkdirSync(folder, { recursive: true });
	const port = await freePort();
	const workerd = await startApiWorkerd({ ...options, folder, port, untouched: true });
	try {
		const { path, init } = options.first.request(options.n);
		const response = await fetch(`${workerd.url}${path}`, init);
		await response.arrayBuffer();
		const cpu = workerd.cpuMs();
		if (!options.first.expect(response))
			throw new CliError(
				`${options.first.name}: ${path} answered ${response.status} (Cache-Status: ${response.headers.get("Cache-Status")}), not the kind of answer it measures`,
			);
		return cpu;
	} finally {
		await workerd.stop();
	}
}

/** A bundle of the smallest worker there is, whose cold start is subtracted from the others'. */
export function helloWorldBundle(folder: string): string {
	const path = join(folder, "hello-world.js");
	writeFileSync(path, HELLO_WORLD);
	return path;
}

/** `wrangler check startup`'s "Active" milliseconds for a checkout's production bundle (it builds it alike). */
export function checkStartup(folder: string, checkout = ROOT): number {
	const args = [
		join(checkout, "node_modules/wrangler/bin/wrangler.js"),
		"check",
		"startup",
		"--env",
		"production",
	];
	const run = spawnSync(process.execPath, [...args, "--outfile", join(folder, "startup.cpuprofile")], {
		cwd: checkout,
		encoding: "utf8",
		env: { ...process.env, ...WRANGLER_OFFLINE_ENV },
	});
	const active = /Active: ([\d.]+) ms/.exec(run.stdout)?.[1];
	if (run.status !== 0 || active === undefined)
		throw new CliError(`wrangler check startup failed:\n${run.stderr || run.stdout}`);
	return Number(active);
}
