import type { ChildProcess } from "node:child_process";

/** Sends `signal` to every process of `child`'s group (spawned with `detached: true`). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	try {
		if (child.pid) process.kill(-child.pid, signal);
	} catch {
		// The group is gone already.
	}
}

/**
 * Stops a process group: asks politely (some, wrangler among them, sit out a SIGINT), then
 * insists, then forces; once its leader has exited, whatever it left in the group goes too.
 */
export async function stopProcessGroup(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
	signalGroup(child, "SIGINT");
	const insist = setTimeout(() => signalGroup(child, "SIGTERM"), 3_000);
	const force = setTimeout(() => signalGroup(child, "SIGKILL"), 6_000);
	await exited;
	clearTimeout(insist);
	clearTimeout(force);
	signalGroup(child, "SIGKILL");
}
