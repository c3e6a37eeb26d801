import type { Context } from "hono";
import { accepts } from "hono/accepts";

/**
 * True when the client prefers HTML (a browser's Accept). JSON stays the default for
 * `*\/*`, `application/json` and no Accept at all. The caller's response varies by Accept.
 */
export function prefersHtml(c: Context): boolean {
	c.header("Vary", "Accept", { append: true });
	return (
		accepts(c, {
			header: "Accept",
			supports: ["application/json", "text/html"],
			default: "application/json",
		}) === "text/html"
	);
}
