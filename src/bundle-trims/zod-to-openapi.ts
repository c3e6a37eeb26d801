// Replaces @asteasolutions/zod-to-openapi in the worker bundle (see [alias] in
// wrangler.toml) with its parts the worker runs: the route registry and zod's .openapi().
// The document generators stay out; the document is made at build time in Node, where the
// real package is used (src/tools/openapi/write-document.ts), and served as a static file.
// The real module is imported by its path: the package name is what the alias replaces.
export {
	extendZodWithOpenApi,
	getOpenApiMetadata,
	OpenAPIRegistry,
	// The package's types are index.d.ts, which TypeScript does not pair with index.mjs.
	// @ts-expect-error
} from "../../node_modules/@asteasolutions/zod-to-openapi/dist/index.mjs";

class LeftOut {
	constructor() {
		throw new Error("the OpenAPI generator is left out of the worker bundle: see /openapi.json");
	}
}
export const OpenApiGeneratorV3 = LeftOut;
export const OpenApiGeneratorV31 = LeftOut;
