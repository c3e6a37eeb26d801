import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../src/tools/lib/ports";
import { type LocalStack, startLocalStack } from "../../../src/tools/local-stack";
import { newestMigrationTag, runSmokeChecks } from "../../../src/tools/smoke/checks";

const failures = (results: { name: string; ok: boolean; detail: string }[]) =>
	results.filter((result) => !result.ok).map((result) => `${result.name}: ${result.detail}`);

describe("the smoke check", () => {
	let guarded: LocalStack;
	beforeAll(async () => {
		guarded = await startLocalStack({
			port: await freePort(),
			apiToken: "smoke-token",
			seedCsv: "data/titanic.csv",
		});
	}, 120_000);
	afterAll(() => guarded?.stop());

	it("passes against the stack of npm run dev with a token, and writes nothing", async () => {
		const results = await runSmokeChecks(guarded.apiUrl);
		expect(failures(results)).toEqual([]);
		expect(results.map((result) => result.name)).toEqual([
			"readiness",
			"read",
			"revalidation",
			"write refused without the token",
		]);
		expect(results[0]?.detail).toBe(`ready at migration ${newestMigrationTag()}`);
		expect(results[1]?.detail).toBe("887 people; one read by uuid");
		const after = await fetch(`${guarded.apiUrl}/people?limit=1`);
		expect(after.headers.get("X-Total-Count")).toBe("887");
	});

	it("fails readiness, naming both, when the deployment is at another migration", async () => {
		const results = await runSmokeChecks(guarded.apiUrl, { expectMigration: "0099_not_yet" });
		expect(failures(results)).toEqual([
			`readiness: /readyz names migration ${newestMigrationTag()}, not 0099_not_yet`,
		]);
	});

	it("sends the given headers with every request", async () => {
		const results = await runSmokeChecks(guarded.apiUrl, {
			headers: { Authorization: "Bearer smoke-token" },
		});
		expect(failures(results)).toEqual([
			"write refused without the token: a POST without Authorization answered 400: writes are open",
		]);
	});

	it("fails the write check where writes are open, and every check where nothing answers", async () => {
		const open = await startLocalStack({ port: await freePort() });
		try {
			expect(failures(await runSmokeChecks(open.apiUrl))).toEqual([
				"write refused without the token: a POST without Authorization answered 400: writes are open",
			]);
		} finally {
			await open.stop();
		}
		const nothing = await runSmokeChecks(`http://127.0.0.1:${await freePort()}`);
		expect(nothing.every((result) => !result.ok)).toBe(true);
		expect(nothing[0]?.detail).toMatch(/^no answer: .*ECONNREFUSED/);
	}, 120_000);
});
