// npm run deploy:gradual -- --env staging|production --url https://… [--canary 10] [--tag T]
// Uploads this checkout's worker as a new version, gives it a share of traffic, smoke-checks
// that version through Cloudflare's version override, then widens it to 100 % or rolls back
// to the version that served before. Needs CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID;
// migrate first (npm run db:migrate), as the pipeline does.
import { spawnSync } from "node:child_process";
import { deployGradually } from "../deploy/gradual";
import { CliError, commandFlags, runCommand, wholeNumberFlag } from "../lib/cli";
import { runWrangler } from "../lib/wrangler";
import { checkLine } from "../smoke/checks";

const usage = "npm run deploy:gradual -- --env staging|production --url https://… [--canary 10] [--tag T]";
const flags = commandFlags(
	"deploy:gradual",
	usage,
	{
		env: { type: "string" },
		url: { type: "string" },
		canary: { type: "string", default: "10" },
		tag: { type: "string" },
	},
	(values) => {
		if (values.env !== "staging" && values.env !== "production") {
			throw new CliError("--env must be staging or production");
		}
		if (!values.url || !URL.canParse(values.url))
			throw new CliError("--url must be the environment's base URL");
		const canary = wholeNumberFlag("canary", values.canary);
		if (canary > 100) throw new CliError("--canary must be a percentage, 1–100");
		const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim();
		return { env: values.env, url: values.url, canaryPercent: canary, tag: values.tag ?? commit };
	},
);

runCommand(
	"deploy:gradual",
	async () => {
		const results = await deployGradually({
			...flags,
			wrangler: runWrangler,
			log: (line) => console.log(`deploy:gradual: ${line}`),
		});
		for (const result of results) console.log(checkLine(result));
	},
	usage,
);
