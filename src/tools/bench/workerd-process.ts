import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { CliError, EXIT } from "../lib/cli";

// A workerd process as the benchmarks run it: started on a config, ready when it answers,
// its CPU time read from /proc, stopped.

export interface PlainWorkerd {
	url: string;
	/** CPU seconds the workerd process has used so far, in user space and in the kernel. */
	cpuSeconds(): { user: number; system: number };
	/** CPU milliseconds its threads have used so far, to the nanosecond the scheduler counts. */
	cpuMs(): number;
	stop(): Promise<void>;
}

/** Whether something accepts connections on the port (the connection is closed at once). */
const listening = (port: number) =>
	new Promise<boolean>((resolve) => {
		const socket = connect(port, "127.0.0.1");
		socket.once("connect", () => {
			socket.end();
			resolve(true);
		});
		socket.once("error", () => resolve(false));
	});

/**
 * Runs `workerd serve` on a config; resolves once `ready` holds: an HTTP answer from a URL,
 * or (a port) the socket listening, which workerd opens only once its workers have started.
 */
export async function serve(config: string, ready: string | number): Promise<ChildProcess> {
	const binary = createRequire(import.meta.url).resolve("@cloudflare/workerd-linux-64/bin/workerd");
	const child = spawn(binary, ["serve", config, "--experimental"], { stdio: ["ignore", "ignore", "pipe"] });
	let stderr = "";
	child.stderr?.on("data", (chunk) => {
		stderr += chunk;
	});
	const deadline = Date.now() + 15_000;
	const isReady = () =>
		typeof ready === "number"
			? listening(ready)
			: fetch(ready).then(
					() => true,
					() => false,
				);
	while (!(await isReady())) {
		if (Date.now() > deadline || child.exitCode !== null) {
			child.kill("SIGKILL");
			throw new CliError(`workerd did not start: ${stderr.trim().slice(0, 2000)}`, EXIT.database);
		}
		await new Promise((resolve) => setTimeout(resolve, typeof ready === "number" ? 5 : 100));
	}
	return child;
}

async function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return;
	const exited = new Promise((resolve) => child.once("exit", resolve));
	child.kill("SIGTERM");
	await exited;
}

export function controlOf(child: ChildProcess, url: string): PlainWorkerd {
	return {
		url,
		cpuSeconds() {
			// /proc/<pid>/stat fields 14 and 15: user and system time in clock ticks (100 a second).
			const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
			return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
		},
		cpuMs() {
			// The first field of each thread's schedstat: nanoseconds on a CPU.
			const tasks = readdirSync(`/proc/${child.pid}/task`);
			const ns = tasks.map((task) =>
				Number(readFileSync(`/proc/${child.pid}/task/${task}/schedstat`, "utf8").split(" ")[0]),
			);
			return ns.reduce((sum, n) => sum + n, 0) / 1e6;
		},
		stop: () => stop(child),
	};
}
