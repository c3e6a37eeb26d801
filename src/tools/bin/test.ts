// npm test [-- <vitest arguments>]: every vitest project at once, each in a vitest process
// of its own with its own database, then one report of them all. One vitest process runs
// projects whose files go one at a time one project after another (the worker project's
// files share a database and count its round trips; the Node projects' start processes
// and stacks), which left a core idle most of the run. Arguments go to every project (a
// file or a name filter picks within each); reporter choices go to the report. Naming a
// project (--project=worker) runs that one as plain vitest would.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT, TOOL_CACHE } from "../lib/checkout";

const PROJECTS = ["worker", "node", "commands"];
// Every Node process of the run (vitest's, the tools', wrangler's) keeps V8's compiled code
// of the modules it loads here, and the next one starts from it: wrangler alone is 1.3 s
// of CPU to load otherwise, and the tests start it a dozen times.
process.env.NODE_COMPILE_CACHE ??= join(TOOL_CACHE, "node-compile-cache");
const REPORTS = join(TOOL_CACHE, "vitest-reports");
const VITEST = join(ROOT, "node_modules/.bin/vitest");

function vitest(args: string[], quiet: boolean): Promise<number> {
	return new Promise((resolve) => {
		const child = spawn(VITEST, args, { stdio: ["ignore", quiet ? "ignore" : "inherit", "inherit"] });
		child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
	});
}

const args = process.argv.slice(2);
const forReport = (arg: string) => /^--(reporter|outputFile)\b/.test(arg);
const coverage = args.filter((arg) => arg.startsWith("--coverage"));

if (args.some((arg) => arg.startsWith("--project"))) {
	process.exit(await vitest(["run", ...args], false));
}

rmSync(REPORTS, { recursive: true, force: true });
const started = performance.now();
console.log(`npm test: the ${PROJECTS.join(", ")} projects at once; one report when all end`);
const codes = await Promise.all(
	PROJECTS.map(async (project) => {
		const code = await vitest(
			[
				"run",
				`--project=${project}`,
				"--passWithNoTests",
				"--reporter=blob",
				`--outputFile=${join(REPORTS, `${project}.json`)}`,
				...args.filter((arg) => !forReport(arg)),
				// Each its own (vitest clears the folder it writes coverage to), and after --coverage,
				// which would reset it.
				...(coverage.length > 0
					? [`--coverage.reportsDirectory=${join(REPORTS, `${project}-coverage`)}`]
					: []),
			],
			true,
		);
		console.log(`  ${project}: ended in ${((performance.now() - started) / 1000).toFixed(0)} s`);
		return code;
	}),
);
const report = await vitest(["--merge-reports", REPORTS, ...coverage, ...args.filter(forReport)], false);
process.exit(Math.max(report, ...codes));
