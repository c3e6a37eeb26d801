// `wrangler dev` as the local stack runs it: settings from an env file, its own process
// group, and a wait until it serves.
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { CliError, EXIT } from "./lib/cli";
import { stopProcessGroup } from "./lib/process-group";
import { WRANGLER_BIN, WRANGLER_OFFLINE_ENV } from "./lib/wrangler";

/** A dotenv file only its owner can read; single quotes keep a value literal, where it allows. */
export function writeEnvFile(path: string, vars: Record<string, string>): string {
	const quote = (value: string) => (value.includes("'") ? JSON.stringify(value) : `'${value}'`);
	const lines = Object.entries(vars).map(([name, value]) => `${name}=${quote(value)}\n`);
	writeFileSync(path, lines.join(""), { mode: 0o600 });
	return path;
}

export function startWrangler(options: {
	port: number;
	/**
	 * Its debugger's port: wrangler's default (9229, or the next free one, checked before it
	 * binds) lets two stacks that start together take the same one, and one fails.
	 */
	inspectorPort: number;
	inheritOutput: boolean;
	envFile: string;
	stateDir: string;
}) {
	const { port, inheritOutput } = options;
	const args = [
		WRANGLER_BIN,
		"dev",
		"--ip",
		"127.0.0.1",
		"--port",
		String(port),
		"--inspector-port",
		String(options.inspectorPort),
		"--persist-to",
		options.stateDir,
		"--env-file",
		options.envFile,
		"--show-interactive-dev-session=false",
	];
	// process.execPath: the Node that runs this script (24 via the node devDependency).
	// Its own process group, so stopping reaches wrangler and every workerd it started.
	// The worker's settings come from the env file alone: none from this environment.
	const env = { ...process.env, ...WRANGLER_OFFLINE_ENV };
	for (const secret of ["DATABASE_URL", "API_TOKEN"]) Reflect.deleteProperty(env, secret);
	const child: ChildProcess = spawn(process.execPath, args, {
		detached: true,
		stdio: inheritOutput ? "inherit" : ["ignore", "ignore", "pipe"],
		env,
	});
	// The end of wrangler's error output, to say why it stopped if it stops before serving.
	let stderr = "";
	child.stderr?.on("data", (chunk) => {
		stderr = (stderr + chunk).slice(-2_000);
	});
	const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
	return {
		exited,
		output: () => stderr.trim(),
		stop: () => stopProcessGroup(child, exited),
	};
}

export function wranglerFailed(output: string) {
	const why = output ? `:\n${output}` : "; run `npx wrangler dev` to see why";
	return new CliError(`wrangler dev exited before serving${why}`, EXIT.database);
}

export async function waitUntilServing(url: string, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const ok = await fetch(url).then(
			(response) => response.ok,
			() => false,
		);
		if (ok) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new CliError(`wrangler dev did not answer on ${url} within ${timeoutMs / 1000} s`, EXIT.database);
}
