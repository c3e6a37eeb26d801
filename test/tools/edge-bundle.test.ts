import { build, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";

// What a dynamic import names is loaded on the first request that needs it, not before.
const onlyStaticImports: Plugin = {
	name: "only-static-imports",
	setup(bundler) {
		bundler.onResolve({ filter: /.*/ }, ({ kind, path }) =>
			kind === "dynamic-import" ? { path, external: true } : undefined,
		);
	},
};

/** The modules `entry` imports: with `eager`, only those evaluated before its first request. */
async function loadedBy(entry: string, { eager }: { eager: boolean }): Promise<string[]> {
	const result = await build({
		entryPoints: [entry],
		bundle: true,
		format: "esm",
		write: false,
		metafile: true,
		external: ["cloudflare:*", "node:*"],
		plugins: eager ? [onlyStaticImports] : [],
		logLevel: "silent",
	});
	return Object.keys(result.metafile.inputs);
}

const ZOD = /node_modules\/(zod|@hono\/zod-openapi)\//;
const DATABASE = /node_modules\/(@neondatabase|drizzle-orm)\/|src\/lib\/db\.ts$/;
const ROUTES = /src\/routes\/.*\.(routes|handlers|index|views)\.tsx?$/;
// Pages: hono's JSX and ours. A hit answers JSON or a stored page; only a refusal for a
// browser renders one (src/lib/problem.ts loads it then).
const PAGES = /node_modules\/hono\/dist\/jsx\/|\.tsx$/;

// What src/index.ts loads before it answers a request: everything but what it imports
// dynamically (the API, its parts and the problem page). A cache hit must not pay for the
// database driver, the schemas, the routes or the pages; a plain read of a person, not for the
// schemas or the routes; a liveness check, for none of them (npm run bench:cold measures what
// each does pay).
describe("the worker's entry", () => {
	it("loads no database driver, no zod and no route before a request gets past the read cache, and no page before a browser's refusal", async () => {
		const inputs = await loadedBy("src/index.ts", { eager: true });
		expect(inputs).toContain("src/lib/edge-cache/index.ts");
		const heavy = inputs.filter(
			(input) => ZOD.test(input) || DATABASE.test(input) || ROUTES.test(input) || PAGES.test(input),
		);
		expect(heavy).toEqual([]);
	});

	it("loads, for a plain read of a person, the database driver but no zod and no route", async () => {
		const inputs = await loadedBy("src/person-read.ts", { eager: false });
		expect(inputs.filter((input) => DATABASE.test(input))).not.toEqual([]);
		expect(inputs.filter((input) => ZOD.test(input) || ROUTES.test(input))).toEqual([]);
	});

	it("loads, for a liveness check, no database driver, no zod and no route", async () => {
		const inputs = await loadedBy("src/alive.ts", { eager: false });
		expect(inputs).toContain("src/routes/health/health.alive.ts");
		expect(inputs.filter((input) => ZOD.test(input) || DATABASE.test(input) || ROUTES.test(input))).toEqual(
			[],
		);
	});
});
