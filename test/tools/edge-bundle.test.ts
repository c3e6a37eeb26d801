import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/** The modules `entry` evaluates before it answers: all it imports, less `external`. */
async function loadedBy(entry: string, external: string[]): Promise<string[]> {
	const result = await build({
		entryPoints: [entry],
		bundle: true,
		format: "esm",
		write: false,
		metafile: true,
		external: ["cloudflare:*", "node:*", ...external],
		logLevel: "silent",
	});
	return Object.keys(result.metafile.inputs);
}

const ZOD = /node_modules\/(zod|@hono\/zod-openapi)\//;
const DATABASE = /node_modules\/(@neondatabase|drizzle-orm)\/|src\/lib\/db\.ts$/;
const ROUTES = /src\/routes\/.*\.(routes|handlers|index|views)\.tsx?$/;

// What src/index.ts loads before it answers a request: everything but what it imports
// dynamically (the API and its parts). A cache hit must not pay for the database driver, the
// schemas or the routes; a plain read of a person, not for the schemas or the routes (npm run
// bench:cold measures what each does pay).
describe("the worker's entry", () => {
	it("loads no database driver, no zod and no route until a request gets past the read cache", async () => {
		const inputs = await loadedBy("src/index.ts", ["./api", "./person-read"]);
		expect(inputs).toContain("src/lib/edge-cache/index.ts");
		const heavy = inputs.filter((input) => ZOD.test(input) || DATABASE.test(input) || ROUTES.test(input));
		expect(heavy).toEqual([]);
	});

	it("loads, for a plain read of a person, the database driver but no zod and no route", async () => {
		const inputs = await loadedBy("src/person-read.ts", []);
		expect(inputs.filter((input) => DATABASE.test(input))).not.toEqual([]);
		expect(inputs.filter((input) => ZOD.test(input) || ROUTES.test(input))).toEqual([]);
	});
});
