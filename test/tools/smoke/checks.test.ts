import { describe, expect } from "vitest";
import { freePort } from "../../../src/tools/lib/ports";
import type { LocalStack } from "../../../src/tools/local-stack";
import { newestMigrationTag, runSmokeChecks } from "../../../src/tools/smoke/checks";
import { test as it, STACK_TOKEN } from "../support/shared-stacks";

const failures = (results: { name: string; ok: boolean; detail: string }[]) =>
	results.filter((result) => !result.ok).map((result) => `${result.name}: ${result.detail}`);

describe("the smoke check", () => {
	let guarded: LocalStack;
	let open: LocalStack;
	it.beforeAll(async ({ guardedStack, openStack }) => {
		guarded = guardedStack;
		open = openStack;
	}, 120_000);

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
			headers: { Authorization: `Bearer ${STACK_TOKEN}` },
		});
		expect(failures(results)).toEqual([
			"write refused without the token: a POST without Authorization answered 400: writes are open",
		]);
	});

	it("fails the write check where writes are open, and every check where nothing answers", async () => {
		expect(failures(await runSmokeChecks(open.apiUrl))).toEqual([
			"write refused without the token: a POST without Authorization answered 400: writes are open",
		]);
		const nothing = await runSmokeChecks(`http://127.0.0.1:${await freePort()}`);
		expect(nothing.every((result) => !result.ok)).toBe(true);
		expect(nothing[0]?.detail).toMatch(/^no answer: .*ECONNREFUSED/);
	});
});
