import { type ParseArgsOptionsConfig, parseArgs } from "node:util";

/** Exit codes every command shares: scripts and operators branch on them. */
export const EXIT = { ok: 0, invalidInput: 1, database: 2 } as const;

/** An error whose message is already one clear line for the operator. */
export class CliError extends Error {
	readonly exitCode: number;

	constructor(message: string, exitCode: number = EXIT.invalidInput) {
		super(message);
		this.exitCode = exitCode;
	}
}

/**
 * Runs a command's main function and turns any failure into one line on stderr and an
 * exit code: operators read messages, not stack traces. `--help` (or `-h`) prints `usage`.
 */
export function runCommand(name: string, main: () => Promise<void>, usage = `npm run ${name}`): void {
	if (process.argv.includes("--help") || process.argv.includes("-h")) {
		console.log(`usage: ${usage}`);
		process.exit(EXIT.ok);
	}
	main().then(
		() => process.exit(EXIT.ok),
		(error: unknown) => {
			console.error(`${name}: ${describeError(error)}`);
			process.exit(error instanceof CliError ? error.exitCode : EXIT.database);
		},
	);
}

/** The single most useful line about an error, including pg's and Node's network errors. */
export function describeError(error: unknown): string {
	if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
	if (error instanceof Error) {
		const code = (error as { code?: string }).code;
		const message = error.message || code || error.name;
		return code && !message.includes(code) ? `${message} (${code})` : message;
	}
	const message = (error as { message?: unknown } | null)?.message;
	return typeof message === "string" ? message : String(error);
}

/** A command-line flag that must be a whole number ≥ `min`, or one clear line saying so. */
export function wholeNumberFlag(name: string, value: string | undefined, min = 1): number {
	const number = Number(value);
	if (!value || !/^\d+$/.test(value) || number < min) {
		throw new CliError(`--${name} must be a whole number ≥ ${min} (got ${JSON.stringify(value ?? "")})`);
	}
	return number;
}

const POSTGRES_URL_FORM = "postgres://user:password@host:port/database";

/**
 * The Postgres URL in the environment variable `name`, or one clear line naming the
 * variable and what is wrong (never its value, which may hold a password).
 */
export function postgresUrlFrom(name: string): string | undefined {
	const value = process.env[name];
	if (!value) return undefined;
	if (!URL.canParse(value) || !/^postgres(ql)?:$/.test(new URL(value).protocol)) {
		throw new CliError(`${name} is not a Postgres URL: expected ${POSTGRES_URL_FORM}`);
	}
	return value;
}

/** As postgresUrlFrom, for a variable the command cannot do without. */
export function requiredPostgresUrl(name: string): string {
	const value = postgresUrlFrom(name);
	if (!value) throw new CliError(`${name} is not set (${POSTGRES_URL_FORM})`);
	return value;
}

/**
 * A command's flags, read before it starts: `--help` prints the usage (exit 0); an unknown
 * or malformed flag, or a value `read` refuses, is one line and the usage (exit 1), never a
 * stack trace. `read` turns the raw values (and, where allowed, the arguments that are not
 * flags) into the command's settings.
 */
export function commandFlags<const O extends ParseArgsOptionsConfig, T>(
	name: string,
	usage: string,
	options: O,
	read: (values: ReturnType<typeof parseArgs<{ options: O }>>["values"], positionals: string[]) => T,
	allowPositionals = false,
): T {
	const args = process.argv.slice(2);
	if (args.includes("--help") || args.includes("-h")) {
		console.log(`usage: ${usage}`);
		process.exit(EXIT.ok);
	}
	try {
		const parsed = parseArgs({ args, options, allowPositionals });
		return read(parsed.values, parsed.positionals);
	} catch (error) {
		console.error(`${name}: ${flagProblem(error)}\nusage: ${usage}`);
		process.exit(EXIT.invalidInput);
	}
}

/** What is wrong with the flags, in one line: Node's own hint for an unknown one leaves a quote open. */
function flagProblem(error: unknown): string {
	const unknown = /^Unknown option '([^']*)'/.exec((error as Error).message ?? "");
	return unknown ? `unknown option ${unknown[1]}` : describeError(error);
}
