import { CliError } from "../lib/cli";
import { type CheckResult, runSmokeChecks } from "../smoke/checks";

/** One wrangler command: what it printed, and the entries it wrote to WRANGLER_OUTPUT_FILE_PATH. */
export type Wrangler = (args: string[]) => Promise<{ stdout: string; output: Record<string, unknown>[] }>;

export interface GradualDeploy {
	/** The wrangler environment: staging or production. */
	env: string;
	/** Where the environment answers, e.g. https://api.example.com. */
	url: string;
	/** The share of traffic the new version takes while it is checked; 100 checks after the switch. */
	canaryPercent: number;
	/** How long the version override may take to reach the new version (Cloudflare: a few seconds). */
	reachMs?: number;
	/** Names the version in `wrangler versions list`: the commit. */
	tag: string;
	wrangler: Wrangler;
	log: (line: string) => void;
}

interface Deployment {
	versions: { version_id: string; percentage: number }[];
}

/**
 * Upload a version, give it a share of traffic beside the one serving now, smoke-check that
 * version alone (the version override header reaches it whatever its share), then widen it
 * to 100 %, or roll back to the serving version and fail naming the checks.
 */
export async function deployGradually(options: GradualDeploy): Promise<CheckResult[]> {
	const { env, wrangler, log } = options;
	const status: Deployment = JSON.parse(
		(await wrangler(["deployments", "status", "--env", env, "--json"])).stdout,
	);
	if (status.versions.length !== 1) {
		throw new CliError(
			`${env} is already split between ${status.versions.map((v) => `${v.version_id}@${v.percentage}%`).join(" and ")}: finish or roll back that deployment first`,
		);
	}
	const serving = status.versions[0]?.version_id;
	const upload = (await wrangler(["versions", "upload", "--env", env, "--tag", options.tag])).output.find(
		(entry) => entry.type === "version-upload",
	);
	const version = upload?.version_id as string | undefined;
	if (!version) throw new CliError("wrangler versions upload named no version");
	log(`uploaded version ${version} (${options.tag}) of ${upload?.worker_name}`);
	const deploy = (specs: string[], message: string) =>
		wrangler(["versions", "deploy", ...specs, "--env", env, "--yes", "--message", message]);
	const canary = serving && options.canaryPercent < 100 ? options.canaryPercent : 100;
	await deploy(
		canary < 100 ? [`${version}@${canary}%`, `${serving}@${100 - canary}%`] : [`${version}@100%`],
		`${options.tag}: ${canary}% while the smoke check runs`,
	);
	log(`version ${version} takes ${canary}% of ${env}; smoke-checking it at ${options.url}`);
	const override = { "Cloudflare-Workers-Version-Overrides": `${upload?.worker_name}="${version}"` };
	const reached = await waitForVersion(options.url, override, version, options.reachMs ?? 60_000);
	const results = reached
		? await runSmokeChecks(options.url, { headers: override })
		: [{ name: "version override", ok: false, detail: `/healthz never named version ${version}` }];
	const failed = results.filter((result) => !result.ok);
	if (failed.length === 0) {
		if (canary < 100) await deploy([`${version}@100%`], `${options.tag}: smoke check passed`);
		log(`version ${version} takes 100% of ${env}`);
		return results;
	}
	const reason = `smoke check failed: ${failed.map((result) => `${result.name} (${result.detail})`).join("; ")}`;
	if (serving) {
		await wrangler(["rollback", serving, "--env", env, "--yes", "--message", `${options.tag}: ${reason}`]);
		log(`rolled ${env} back to version ${serving}`);
	}
	throw new CliError(`version ${version} of ${env} ${reason}${serving ? `; rolled back to ${serving}` : ""}`);
}

/** Polls /healthz with the override until the new version itself answers. */
async function waitForVersion(
	url: string,
	headers: Record<string, string>,
	version: string,
	timeoutMs: number,
) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const answer = await fetch(new URL("/healthz", url), { headers })
			.then((response) => response.json() as Promise<{ version?: string }>)
			.catch(() => ({ version: undefined }));
		if (answer.version === version) return true;
		await new Promise((resolve) => setTimeout(resolve, 1_000));
	}
	return false;
}
