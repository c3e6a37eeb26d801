import { describe, expect } from "vitest";
import { unstable_readConfig } from "wrangler";
import { declaredEnvironments } from "../../src/tools/lib/wrangler";
import type { LocalStack } from "../../src/tools/local-stack";
import { samplePerson } from "../support/sample-person";
import { test as it } from "./support/shared-stacks";

const WITHOUT_NODE = ["no_nodejs_compat", "no_nodejs_compat_v2"];

// The worker tests run inside the Workers Vitest pool, which turns Node.js compatibility
// back on for its own runner: there, `process` and `Buffer` exist and the Neon driver uses
// them. Deployed, they do not. These requests go through wrangler dev, which runs the worker
// with wrangler.toml's flags, so every kind of request meets the driver as production does.
describe("the worker as deployed, without Node.js compatibility", () => {
	let stack: LocalStack;
	it.beforeAll(async ({ openStack }) => {
		stack = openStack;
	}, 120_000);

	it("is what wrangler.toml gives every environment", () => {
		for (const env of [undefined, ...declaredEnvironments()]) {
			const config = unstable_readConfig({ config: "wrangler.toml", env }, { hideWarnings: true });
			expect(config.compatibility_flags, env ?? "top level").toEqual(WITHOUT_NODE);
		}
	});

	it("reads, lists, counts, renders, writes and deletes through the Neon driver", async () => {
		const url = (path: string) => `${stack.apiUrl}${path}`;
		const json = { "Content-Type": "application/json" };
		const person = samplePerson();
		const created = await fetch(url("/people"), {
			method: "POST",
			headers: json,
			body: JSON.stringify(person),
		});
		expect(created.status).toBe(201);
		const path = new URL(created.headers.get("Location") ?? "", stack.apiUrl).pathname;

		const read = await fetch(url(path), { headers: { "Cache-Control": "no-cache" } });
		expect(await read.json()).toMatchObject({ name: person.name, age: person.age });
		const patched = await fetch(url(path), {
			method: "PATCH",
			headers: { ...json, "If-Match": read.headers.get("ETag") ?? "" },
			body: JSON.stringify({ fare: 7.25 }),
		});
		expect(patched.status).toBe(200);
		const listed = await fetch(url(`/people?q=${encodeURIComponent(person.name)}&select=fare`));
		expect(await listed.json()).toEqual([{ fare: 7.25 }]);
		const csv = await fetch(url(`/people?q=${encodeURIComponent(person.name)}`), {
			headers: { Accept: "text/csv" },
		});
		expect(await csv.text()).toContain(person.name);
		const stats = await fetch(url("/people/stats"));
		expect(stats.status).toBe(200);
		const page = await fetch(url(path), { headers: { Accept: "text/html" } });
		expect(await page.text()).toContain(person.name);

		expect((await fetch(url(path), { method: "DELETE" })).status).toBe(204);
		expect((await fetch(url(path), { headers: { "Cache-Control": "no-cache" } })).status).toBe(404);
		// A browser's refusal: the problem page, loaded on first use.
		const gone = await fetch(url(path), { headers: { "Cache-Control": "no-cache", Accept: "text/html" } });
		expect(gone.status).toBe(404);
		expect(await gone.text()).toContain("404 Not Found");
	});
});
