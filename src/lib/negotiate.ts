import type { Context } from "hono";
import { accepts } from "hono/accepts";

/** The representation the client prefers: HTML for a browser's Accept, JSON otherwise. */
export function preferredType(c: Context): "application/json" | "text/html" {
	return accepts(c, {
		header: "Accept",
		supports: ["application/json", "text/html"],
		default: "application/json",
	}) as "application/json" | "text/html";
}

/**
 * True when the client prefers HTML (a browser's Accept). JSON stays the default for
 * `*\/*`, `application/json` and no Accept at all. The caller's response varies by Accept.
 */
export function prefersHtml(c: Context): boolean {
	c.header("Vary", "Accept", { append: true });
	return preferredType(c) === "text/html";
}
