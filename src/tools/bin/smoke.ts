// npm run smoke -- <base-url> [--expect-migration TAG] [--header "Name: value"]...
// Checks a running deployment (or npm run dev) the way the deploy pipeline does before it
// widens a new version: readiness at the expected migration, a read, a revalidation and a
// write refused without the token. Exit 0 when every check passes; 1 naming each failure.

import { CliError, commandFlags, runCommand } from "../lib/cli";
import { checkLine, runSmokeChecks } from "../smoke/checks";

const usage = 'npm run smoke -- <base-url> [--expect-migration TAG] [--header "Name: value"]...';
const flags = commandFlags(
	"smoke",
	usage,
	{
		"expect-migration": { type: "string" },
		header: { type: "string", multiple: true, default: [] },
	},
	(values, positionals) => ({
		baseUrl: baseUrl(positionals),
		expectMigration: values["expect-migration"],
		headers: Object.fromEntries(
			values.header.map((line) => {
				const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/.exec(line);
				if (!match) throw new CliError(`--header ${JSON.stringify(line)} is not "Name: value"`);
				return [match[1], match[2]];
			}),
		),
	}),
	true,
);

function baseUrl(positionals: string[]): string {
	const [url, ...more] = positionals;
	if (!url || more.length > 0 || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
		throw new CliError("give one base URL, e.g. https://api.example.com or http://127.0.0.1:8787");
	}
	return url;
}

runCommand(
	"smoke",
	async () => {
		const { baseUrl: url, ...options } = flags;
		const results = await runSmokeChecks(url, options);
		for (const result of results) console.log(checkLine(result));
		const failed = results.filter((result) => !result.ok).map((result) => result.name);
		if (failed.length > 0) throw new CliError(`${url} failed ${failed.join(", ")}`);
	},
	usage,
);
