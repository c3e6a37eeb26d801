import { problem } from "./problem";
import type { AppOpenAPI } from "./types";

/**
 * Answers requests to known paths with an unknown method: 405 with `Allow`, or 204 with
 * `Allow` for OPTIONS. Call it after every route is registered: it reads them from the app,
 * so the list can never drift from the routes.
 */
export function answerOtherMethods(app: AppOpenAPI): void {
	const allowed = new Map<string, Set<string>>();
	for (const { path, method } of app.routes) {
		if (method === "ALL") continue;
		const methods = allowed.get(path) ?? new Set();
		methods.add(method);
		if (method === "GET") methods.add("HEAD");
		allowed.set(path, methods);
	}
	for (const [path, methods] of allowed) {
		const allow = [...methods, "OPTIONS"].join(", ");
		app.all(path, (c) =>
			c.req.method === "OPTIONS"
				? c.body(null, 204, { Allow: allow })
				: problem(c, 405, `${c.req.method} is not allowed on ${c.req.path}; use ${allow}`, {
						headers: { Allow: allow },
					}),
		);
	}
}
