import type { AppOpenAPI } from "./types";

/** Registers what the routes do not say themselves: how writes authenticate. */
export function configureOpenAPI(app: AppOpenAPI): void {
	app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
		type: "http",
		scheme: "bearer",
		description: "API_TOKEN of the deployment; writes need it where one is configured.",
	});
}

/**
 * The OpenAPI 3.1 document, generated from the routes' zod schemas. It is made at build
 * time (src/tools/build-assets.ts) and served as a static file, /openapi.json: the
 * generator stays out of the worker's bundle (see [alias] in wrangler.toml).
 */
export function openApiDocument(app: AppOpenAPI) {
	return app.getOpenAPI31Document({
		openapi: "3.1.0",
		info: {
			title: "Titanic people API",
			version: "1.0.0",
			description:
				"The passengers of the Titanic. Errors are RFC 9457 problem details (application/problem+json).",
			// No open-source licence is granted; the passenger data itself is public. (OpenAPI
			// 3.1 adds `identifier`; the generator's types know only 3.0's license object.)
			license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" } as { name: string },
		},
		// Relative: the document is served by the API it describes, on whatever host that is.
		servers: [{ url: "/" }],
	});
}
