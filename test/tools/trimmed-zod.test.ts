import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import * as zod from "zod";
import {
	buildTrimmedZod,
	LEFT_OUT,
	type Replacement,
	STAND_INS,
	zodTrims,
} from "../../src/tools/trimmed-zod";

const scratch = mkdtempSync(join(tmpdir(), "titanic-trimmed-zod-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the trimmed zod", () => {
	it("replaces its modules only where zod's own files import them, and exports what zod exports", async () => {
		const out = join(scratch, "zod.js");
		const replaced = await buildTrimmedZod(out);
		expect(new Set(replaced.map(({ specifier }) => specifier))).toEqual(
			new Set([...Object.keys(STAND_INS), ...LEFT_OUT]),
		);
		for (const { importer } of replaced) expect(importer).toMatch(/\/node_modules\/zod\//);
		const trimmed = await import(out);
		expect(Object.keys(trimmed).sort()).toEqual(Object.keys(zod).sort());
		expect(trimmed.object({ age: trimmed.number() }).safeParse({ age: "x" }).success).toBe(false);
		expect(() => trimmed.fromJSONSchema({})).toThrow(/left out/);
	}, 60_000);

	it("validates through Standard Schema, as validators do, without zod's JSON Schema output", async () => {
		const trimmed = await import(join(scratch, "zod.js"));
		const schema = trimmed.object({ name: trimmed.string().min(1) });
		const standard = schema["~standard"];
		expect(await standard.validate({ name: "Ada" })).toEqual({ value: { name: "Ada" } });
		expect((await standard.validate({ name: "" })).issues).toHaveLength(1);
		expect(() => standard.jsonSchema.input()).toThrow(/JSON Schema output .* is left out/);
		expect(() => trimmed.toJSONSchema(schema)).toThrow(/JSON Schema output .* is left out/);
		expect(() => schema.toJSONSchema()).toThrow(/JSON Schema output .* is left out/);
	});

	it("leaves another package's module of the same name alone", async () => {
		writeFileSync(join(scratch, "compile.js"), "export const mine = 42;\n");
		const replaced: Replacement[] = [];
		const result = await build({
			stdin: { contents: 'export { mine } from "./compile.js";\n', resolveDir: scratch },
			bundle: true,
			format: "esm",
			write: false,
			plugins: [zodTrims(replaced)],
		});
		expect(replaced).toEqual([]);
		expect(result.outputFiles[0]?.text).toMatch(/mine = 42/);
	});
});
