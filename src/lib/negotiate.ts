import type { Context } from "hono";
import { accepts } from "hono/accepts";

/** Every representation the API answers in, the default first. */
export const REPRESENTATIONS = ["application/json", "text/html"] as const;
export type Representation = (typeof REPRESENTATIONS)[number];

/** The representation the client prefers: HTML for a browser's Accept, JSON otherwise. */
export function preferredType(c: Context): Representation {
	return accepts(c, {
		header: "Accept",
		supports: [...REPRESENTATIONS],
		default: REPRESENTATIONS[0],
	}) as Representation;
}

/**
 * True when the client prefers HTML (a browser's Accept). JSON stays the default for
 * `*\/*`, `application/json` and no Accept at all. The caller's response varies by Accept.
 */
export function prefersHtml(c: Context): boolean {
	c.header("Vary", "Accept", { append: true });
	return preferredType(c) === "text/html";
}
