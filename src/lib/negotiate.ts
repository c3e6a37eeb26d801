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

// The requests whose answer already says Vary: Accept: a request may negotiate twice (a
// read, then the problem that answers it), and Vary names each field once.
const variesByAccept = new WeakSet<Context>();

/** Marks the answer as one that depends on the request's Accept. */
export function varyByAccept(c: Context): void {
	if (variesByAccept.has(c)) return;
	variesByAccept.add(c);
	c.header("Vary", "Accept", { append: true });
}

/**
 * True when the client prefers HTML (a browser's Accept). JSON stays the default for
 * `*\/*`, `application/json` and no Accept at all. The caller's response varies by Accept.
 */
export function prefersHtml(c: Context): boolean {
	varyByAccept(c);
	return preferredType(c) === "text/html";
}
