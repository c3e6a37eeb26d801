// node --import ./src/tools/register.ts <tool.ts>: how every npm script and every test runs
// a tool. TypeScript through tsx; and drizzle-orm's modules found without Node's help. Node 22
// and later read a module's package.json again for every module they resolve (for its
// "type"), parsing the whole of it each time, exports map and all; drizzle-orm's is 179 KB
// and a tool loads hundreds of its modules: 0.7–1.2 s of CPU at every start, 0.1 s this way
// (docs/design.md, Figures). Its files import each other only by relative paths with
// extensions (test/tools/register.test.ts holds it to that), so the path says the file.
import { registerHooks } from "node:module";
import { register } from "tsx/esm/api";

register();

const DRIZZLE = "/node_modules/drizzle-orm/";

registerHooks({
	resolve(specifier, context, nextResolve) {
		if (specifier.startsWith(".") && context.parentURL?.includes(DRIZZLE)) {
			const url = new URL(specifier, context.parentURL).href;
			return { url, format: url.endsWith(".cjs") ? "commonjs" : "module", shortCircuit: true };
		}
		return nextResolve(specifier, context);
	},
});
