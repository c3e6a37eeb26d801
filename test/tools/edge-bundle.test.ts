import { build } from "esbuild";
import { describe, expect, it } from "vitest";

// What src/index.ts loads before it answers a request: everything but what it imports
// dynamically (the API). A cache hit must not pay for the database driver, the schemas or
// the routes (npm run bench:cold measures what it does pay).
describe("the worker's entry", () => {
	it("loads no database driver, no zod and no route until a request gets past the read cache", async () => {
		const result = await build({
			entryPoints: ["src/index.ts"],
			bundle: true,
			format: "esm",
			write: false,
			metafile: true,
			external: ["cloudflare:*", "node:*", "./api"],
			logLevel: "silent",
		});
		const inputs = Object.keys(result.metafile.inputs);
		expect(inputs).toContain("src/lib/edge-cache/index.ts");
		const heavy = inputs.filter((input) =>
			/node_modules\/(zod|@hono\/zod-openapi|@neondatabase|drizzle-orm)\/|src\/routes\/.*\.(routes|handlers|index)\.tsx?$|src\/lib\/db\.ts$/.test(
				input,
			),
		);
		expect(heavy).toEqual([]);
	});
});
