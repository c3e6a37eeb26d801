import { OpenAPIHono } from "@hono/zod-openapi";
import { behindTheEdge } from "./behind-the-edge";
import { databaseFailureOf } from "./database-failures";
import type { AppBindings } from "./types";
import { validationHook } from "./validation-hook";

/** A router whose validation failures are problem responses: one per resource folder. */
export function createRouter() {
	return new OpenAPIHono<AppBindings>({ strict: true, defaultHook: validationHook });
}

/** The API behind the edge (create-edge.ts), for what the read cache did not answer: see behind-the-edge.ts. */
export function createApp(options: { largerBodies?: Record<string, number> } = {}) {
	return behindTheEdge(createRouter(), { ...options, failureOf: databaseFailureOf });
}
