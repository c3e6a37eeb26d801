/** Exit codes every command shares: scripts and operators branch on them. */
export const EXIT = { ok: 0, invalidInput: 1, database: 2 } as const;

/** An error whose message is already one clear line for the operator. */
export class CliError extends Error {
	constructor(
		message: string,
		readonly exitCode: number = EXIT.invalidInput,
	) {
		super(message);
	}
}

/**
 * Runs a command's main function and turns any failure into one line on stderr and an
 * exit code: operators read messages, not stack traces.
 */
export function runCommand(name: string, main: () => Promise<void>): void {
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
