import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { onError } from "./on-error";
import { problem } from "./problem";
import type { AppBindings } from "./types";
import { validationHook } from "./validation-hook";

export const MAX_BODY_BYTES = 64 * 1024;

/** A router whose validation failures are problem responses: one per resource folder. */
export function createRouter() {
	return new OpenAPIHono<AppBindings>({ strict: true, defaultHook: validationHook });
}

/** The application shell: body limit, 404 and error handling, all as problem+json. */
export function createApp() {
	const app = createRouter();
	app.use(
		bodyLimit({
			maxSize: MAX_BODY_BYTES,
			onError: (c) => problem(c, 413, `the request body is larger than ${MAX_BODY_BYTES} bytes`),
		}),
	);
	app.notFound((c) => problem(c, 404, `nothing at ${c.req.path}`));
	app.onError(onError);
	return app;
}
