import type { AppOpenAPI } from "./types";

/**
 * The OpenAPI 3.1 document, generated from the routes' zod schemas. The docs page that
 * shows it (/docs/) is a static file: see src/tools/bin/build-assets.ts.
 */
export function configureOpenAPI(app: AppOpenAPI): void {
	app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
		type: "http",
		scheme: "bearer",
		description: "API_TOKEN of the deployment; writes need it where one is configured.",
	});
	app.doc31("/openapi.json", {
		openapi: "3.1.0",
		info: {
			title: "Titanic people API",
			version: "1.0.0",
			description:
				"The passengers of the Titanic. Errors are RFC 9457 problem details (application/problem+json).",
		},
		// Relative: the document is served by the API it describes, on whatever host that is.
		servers: [{ url: "/" }],
	});
}
