import { spawnSync } from "node:child_process";
import { TOOL_RUNNER } from "../../../src/tools/lib/checkout";

/** Runs one npm script's entry point (src/tools/bin/<script>.ts, or a path) as npm would, to its end. */
export function run(script: string, args: string[] = [], env: Record<string, string> = {}) {
	const entry = script.includes("/") ? script : `src/tools/bin/${script}.ts`;
	const result = spawnSync(process.execPath, [...TOOL_RUNNER, entry, ...args], {
		encoding: "utf8",
		env: { ...process.env, ...env },
		timeout: 60_000,
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
