import { describe, expect } from "vitest";
import { deployGradually } from "../../../src/tools/deploy/gradual";
import type { LocalStack } from "../../../src/tools/local-stack";
import { test as it } from "../support/shared-stacks";

/**
 * Cloudflare's side played by a recorder: it says which version serves now and which one an
 * upload made. The version checked is the real worker of a local stack, so the upload
 * "makes" the version id that stack's /healthz names.
 */
function cloudflare(uploaded: string, serving = [{ version_id: "serving-version", percentage: 100 }]) {
	const calls: string[] = [];
	const wrangler = async (args: string[]) => {
		calls.push(args.join(" "));
		if (args[0] === "deployments") return { stdout: JSON.stringify({ versions: serving }), output: [] };
		if (args[1] === "upload") {
			return {
				stdout: "",
				output: [{ type: "version-upload", version_id: uploaded, worker_name: "titanic-people-api" }],
			};
		}
		return { stdout: "", output: [] };
	};
	return { calls, wrangler };
}

const versionOf = async (stack: LocalStack) =>
	((await (await fetch(`${stack.apiUrl}/healthz`)).json()) as { version: string }).version;

describe("deploy:gradual", () => {
	let guarded: LocalStack;
	let open: LocalStack;
	it.beforeAll(async ({ guardedStack, openStack }) => {
		guarded = guardedStack;
		open = openStack;
	}, 120_000);

	const options = { env: "production", canaryPercent: 10, tag: "abc1234", log: () => {} };

	it("gives the new version 10 %, smoke-checks that version, then widens it to 100 %", async () => {
		const version = await versionOf(guarded);
		const { calls, wrangler } = cloudflare(version);
		const results = await deployGradually({ ...options, url: guarded.apiUrl, wrangler });
		expect(results.every((result) => result.ok)).toBe(true);
		expect(calls).toEqual([
			"deployments status --env production --json",
			"versions upload --env production --tag abc1234",
			`versions deploy ${version}@10% serving-version@90% --env production --yes --message abc1234: 10% while the smoke check runs`,
			`versions deploy ${version}@100% --env production --yes --message abc1234: smoke check passed`,
		]);
	});

	it("rolls back, naming the failed check, when the smoke check fails", async () => {
		const version = await versionOf(open);
		const { calls, wrangler } = cloudflare(version);
		await expect(deployGradually({ ...options, url: open.apiUrl, wrangler })).rejects.toThrow(
			`version ${version} of production smoke check failed: write refused without the token (a POST without Authorization answered 400: writes are open); rolled back to serving-version`,
		);
		expect(calls.at(-1)).toMatch(
			/^rollback serving-version --env production --yes --message abc1234: smoke check failed/,
		);
		expect(calls.filter((call) => call.includes("@100%"))).toEqual([]);
	});

	it("rolls back when the override never reaches the new version", async () => {
		const { calls, wrangler } = cloudflare("a-version-that-never-answers");
		await expect(
			deployGradually({ ...options, url: guarded.apiUrl, wrangler, reachMs: 1_500 }),
		).rejects.toThrow("version override (/healthz never named version a-version-that-never-answers)");
		expect(calls.at(-1)).toMatch(/^rollback serving-version /);
	});

	it("refuses to start while the environment is split between two versions", async () => {
		const { calls, wrangler } = cloudflare("new", [
			{ version_id: "a", percentage: 90 },
			{ version_id: "b", percentage: 10 },
		]);
		await expect(deployGradually({ ...options, url: guarded.apiUrl, wrangler })).rejects.toThrow(
			"production is already split between a@90% and b@10%: finish or roll back that deployment first",
		);
		expect(calls).toEqual(["deployments status --env production --json"]);
	});

	it("staging goes straight to 100 % and still smoke-checks that version", async () => {
		const version = await versionOf(guarded);
		const { calls, wrangler } = cloudflare(version);
		await deployGradually({ ...options, env: "staging", canaryPercent: 100, url: guarded.apiUrl, wrangler });
		expect(calls.slice(2)).toEqual([
			`versions deploy ${version}@100% --env staging --yes --message abc1234: 100% while the smoke check runs`,
		]);
	});
});
