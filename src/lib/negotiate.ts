import type { Context } from "hono";
import { accepts } from "hono/accepts";

/** Every representation a single resource answers in, the default first. */
export const REPRESENTATIONS = ["application/json", "text/html"] as const;
/** Lists answer in CSV too (the loader's format). */
export const LIST_REPRESENTATIONS = [...REPRESENTATIONS, "text/csv"] as const;
export type Representation = (typeof LIST_REPRESENTATIONS)[number];

/** The representation the client prefers among `supports`: HTML for a browser's Accept, JSON by default. */
export function preferredType(
	c: Context,
	supports: readonly Representation[] = REPRESENTATIONS,
): Representation {
	return accepts(c, {
		header: "Accept",
		supports: [...supports],
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
