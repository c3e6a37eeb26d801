import { swaggerUI } from "@hono/swagger-ui";
import type { AppOpenAPI } from "./types";

// Pinned so the docs page loads the exact Swagger UI it was checked with.
export const SWAGGER_UI_VERSION = "5.35.0";

/** The OpenAPI 3.1 document, generated from the routes' zod schemas, and docs to try it. */
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
	app.get(
		"/docs",
		swaggerUI({ url: "/openapi.json", version: SWAGGER_UI_VERSION, title: "Titanic people API" }),
	);
}
