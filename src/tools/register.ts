// node --import ./src/tools/register.ts <tool.ts>: how every npm script and every test runs
// a tool. Node strips the TypeScript itself (erasableSyntaxOnly in src/tools/tsconfig.json
// keeps the tools to what it can strip); these hooks add what the bundler would: the
// project's extensionless relative imports (of a file or a folder's index.ts), its JSON imports without attributes, and the
// worker's .tsx pages (only the tools that load the whole app meet them). tsx did all of
// this before at 0.5–1 s more CPU per process, which every test that starts a tool paid.
//
// drizzle-orm's modules are found without Node's help: Node reads a module's package.json
// again for every module it resolves (for its "type"), parsing the whole of it each time;
// drizzle-orm's is 179 KB and a tool loads hundreds of its modules: 0.7–1.2 s of CPU at every
// start, 0.1 s this way (docs/design.md, Figures). Its files import each other only by
// relative paths with extensions (test/tools/register.test.ts holds it to that), so the
// path says the file.
import { existsSync } from "node:fs";
import { createRequire, registerHooks } from "node:module";
import type { TransformOptions } from "esbuild";

const DRIZZLE = "/node_modules/drizzle-orm/";
const JSX: TransformOptions = { loader: "tsx", jsx: "automatic", jsxImportSource: "hono/jsx" };
// esbuild is loaded at the first .tsx page only: most tools never meet one.
const require = createRequire(import.meta.url);

const ownModule = (parentURL: string | undefined) =>
	parentURL?.startsWith("file:") && !parentURL.includes("/node_modules/");

registerHooks({
	resolve(specifier, context, nextResolve) {
		if (!specifier.startsWith(".")) return nextResolve(specifier, context);
		const url = new URL(specifier, context.parentURL);
		if (context.parentURL?.includes(DRIZZLE)) {
			return { url: url.href, format: url.href.endsWith(".cjs") ? "commonjs" : "module", shortCircuit: true };
		}
		if (!ownModule(context.parentURL)) return nextResolve(specifier, context);
		if (url.pathname.endsWith(".json")) {
			return { url: url.href, format: "json", importAttributes: { type: "json" }, shortCircuit: true };
		}
		if (!/\.[cm]?[jt]sx?$/.test(url.pathname)) {
			const file = [".ts", ".tsx", "/index.ts"].map((tail) => new URL(`${url.href}${tail}`)).find(existsSync);
			if (file) return { url: file.href, shortCircuit: true };
		}
		return nextResolve(specifier, context);
	},
	load(url, context, nextLoad) {
		if (!url.endsWith(".tsx")) return nextLoad(url, context);
		const { source } = nextLoad(url, { ...context, format: "module" });
		return {
			format: "module",
			source: (require("esbuild") as typeof import("esbuild")).transformSync(String(source), JSX).code,
			shortCircuit: true,
		};
	},
});
