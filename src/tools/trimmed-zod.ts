// Writes dist/bundle-trims/zod.js: zod as one ES module, less the parts the worker never
// runs, which wrangler.toml's [alias] puts in the worker's bundle in place of "zod".
// @hono/zod-openapi hands zod's whole namespace around, so the worker's bundler keeps all of
// zod; zod's own imports of three of its modules get the small stand-ins in
// src/bundle-trims/ here instead, and its JSON Schema output is left out (~270 KiB of
// minified code, which every cold start compiles: `npm run bench:cold`). Only imports from
// zod's own files are replaced, and only these: the build fails if zod stops importing one.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import { ROOT } from "./lib/checkout";
import { CliError } from "./lib/cli";

export const TRIMMED_ZOD = join(ROOT, "dist/bundle-trims/zod.js");
const ZOD = join(ROOT, "node_modules/zod/");

/** zod's specifier (as its own files write it) → the stand-in that replaces it. */
export const STAND_INS: Record<string, string> = {
	// z.compile, the opt-in schema compiler: the API never calls it.
	"./compile.js": "zod-compile.ts",
	// ~40 translations of zod's messages: the API speaks English, which zod loads on its own.
	"../locales/index.js": "zod-locales.ts",
	// z.fromJSONSchema: the API never calls it.
	"./from-json-schema.js": "zod-from-json-schema.ts",
};

/**
 * zod's modules (under node_modules/zod/) that make JSON Schema: the worker never does (the
 * OpenAPI document is made at build time, src/tools/openapi/). Each becomes a module with the
 * same exports, functions that throw when used.
 */
export const LEFT_OUT = [
	"v4/core/json-schema-processors.js",
	"v4/core/to-json-schema.js",
	"v4/core/json-schema-generator.js",
];

/** A module with the exports of zod's `file`, each a function that throws (also with `new`). */
async function leftOutModule(file: string): Promise<string> {
	const names = Object.keys(await import(pathToFileURL(file).href));
	// A schema's `~standard` (which validators read) makes its JSON Schema methods up front:
	// a method factory returns the method that throws instead of throwing itself.
	const value = (name: string) => (/^create\w+Method$/.test(name) ? "() => leftOut" : "leftOut");
	return [
		`function leftOut() { throw new Error("zod's JSON Schema output (${relative(ZOD, file)}) is left out of the worker bundle"); }`,
		...names.map((name) => `export const ${name} = ${value(name)};`),
	].join("\n");
}

/** What the trims replaced: each importing file, which must be zod's own. */
export interface Replacement {
	specifier: string;
	importer: string;
}

/**
 * The esbuild plugin: a stand-in for each of STAND_INS, and a module that throws for each of
 * LEFT_OUT, where (and only where) zod imports it. A left-out module is recorded by its path.
 */
export function zodTrims(replaced: Replacement[]): Plugin {
	return {
		name: "zod-trims",
		setup(bundler) {
			bundler.onResolve({ filter: /^\.\.?\// }, ({ path, importer }) => {
				if (!importer.startsWith(ZOD)) return undefined;
				const standIn = STAND_INS[path];
				if (standIn) {
					replaced.push({ specifier: path, importer });
					return { path: join(ROOT, "src/bundle-trims", standIn) };
				}
				const target = join(dirname(importer), path);
				if (!LEFT_OUT.includes(relative(ZOD, target))) return undefined;
				replaced.push({ specifier: relative(ZOD, target), importer });
				return { path: target, namespace: "zod-left-out" };
			});
			bundler.onLoad({ filter: /.*/, namespace: "zod-left-out" }, async ({ path }) => ({
				contents: await leftOutModule(path),
				loader: "js",
			}));
		},
	};
}

/** Builds the trimmed zod; writes it only when its bytes change (wrangler dev reloads on a write). */
export async function buildTrimmedZod(out = TRIMMED_ZOD): Promise<Replacement[]> {
	const replaced: Replacement[] = [];
	const result = await build({
		stdin: { contents: 'export * from "zod";\nexport { default } from "zod";\n', resolveDir: ROOT },
		bundle: true,
		format: "esm",
		target: "es2024",
		write: false,
		logLevel: "silent",
		plugins: [zodTrims(replaced)],
	});
	const unused = [...Object.keys(STAND_INS), ...LEFT_OUT].filter(
		(specifier) => !replaced.some((r) => r.specifier === specifier),
	);
	if (unused.length > 0)
		throw new CliError(`zod no longer imports ${unused.join(", ")}: see src/tools/trimmed-zod.ts`);
	const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
	if (!existsSync(out) || !readFileSync(out).equals(bytes)) {
		mkdirSync(dirname(out), { recursive: true });
		writeFileSync(out, bytes);
	}
	return replaced;
}
