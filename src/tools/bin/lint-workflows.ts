// npm run lint:workflows — actionlint over every GitHub Actions workflow: syntax, expressions,
// contexts, job graphs and action inputs, checked before a pipeline ever runs. Its
// WebAssembly build on npm (the only build this machine's registries carry) is actionlint
// 1.6.22, older than GitHub's `vars` context (configuration variables, 2023): that one
// finding is set aside; every other is an error.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { ROOT } from "../lib/checkout";
import { CliError, runCommand } from "../lib/cli";

const FOLDER = ".github/workflows";
const OLDER_THAN_VARS = /^undefined variable "vars"\./;

runCommand("lint:workflows", async () => {
	const lint = await createLinter();
	const files = readdirSync(join(ROOT, FOLDER)).filter((name) => /\.ya?ml$/.test(name));
	const problems = files.flatMap((name) => {
		const path = `${FOLDER}/${name}`;
		return lint(readFileSync(join(ROOT, path), "utf8"), path).filter(
			(problem) => !OLDER_THAN_VARS.test(problem.message),
		);
	});
	for (const problem of problems) {
		console.error(`${problem.file}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`);
	}
	if (problems.length > 0) throw new CliError(`${problems.length} problem(s) in ${FOLDER}`);
	console.log(`lint:workflows: ${files.join(", ")}: no problems`);
});
