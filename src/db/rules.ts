// The rules a passenger obeys, shared by the database constraints (schema.ts) and the
// API's zod schemas, so the two cannot drift apart.
export const SEXES = ["male", "female", "other"] as const;
export const NAME_MAX_LENGTH = 100;

/**
 * Text Postgres can store: no NUL character (text cannot hold one) and no lone UTF-16
 * surrogate (it has no UTF-8 form).
 */
export function isStorableText(text: string): boolean {
	return !text.includes("\0") && text.isWellFormed();
}
export const STORABLE_TEXT_MESSAGE = "must not contain NUL characters or unpaired surrogates";
