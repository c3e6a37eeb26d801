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

// The fields each request's answer already names in Vary: a request may depend on one twice
// (a read negotiates, then the problem that answers it), and Vary names each field once.
const variedBy = new WeakMap<Context, Set<string>>();

/** Adds `field` to the answer's Vary: the answer depends on that request header. */
export function vary(c: Context, field: string): void {
	const fields = variedBy.get(c) ?? new Set<string>();
	if (fields.has(field)) return;
	variedBy.set(c, fields.add(field));
	c.header("Vary", field, { append: true });
}

/**
 * True when the client prefers HTML (a browser's Accept). JSON stays the default for
 * `*\/*`, `application/json` and no Accept at all. The caller's response varies by Accept.
 */
export function prefersHtml(c: Context): boolean {
	vary(c, "Accept");
	return preferredType(c) === "text/html";
}
