// The rules a passenger obeys, shared by the database constraints (schema.ts) and the
// API's zod schemas, so the two cannot drift apart.
export const SEXES = ["male", "female", "other"] as const;
export const NAME_MAX_LENGTH = 100;
// Bounds that no passenger can exceed: nobody has lived 150 years, and the dearest Titanic
// ticket cost about £870. They keep absurd values (1e308) out of sorts and statistics.
export const AGE_MAX = 150;
export const FARE_MAX = 100_000;

// Characters a name may not contain: control characters, and the invisible ones that would
// make a name look blank or differ from its look (soft hyphen, zero-width and direction
// marks, separators, the byte order mark). NUL is left to isStorableText: Postgres text
// cannot hold it at all, so the database never sees one.
const INVISIBLE =
	"\\u0001-\\u001F\\u007F-\\u009F\\u00AD\\u061C\\u180E\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u206F\\uFEFF";
// Spaces, which a name may contain but not consist of.
const SPACES = " \\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000";

/**
 * The name rule, as one regular expression that JavaScript (with the `u` flag) and
 * Postgres read the same way: 1–100 characters (code points, as Postgres and JSON Schema
 * count them), none invisible, at least one neither invisible nor a space.
 */
export const NAME_PATTERN = `^(?=[^${INVISIBLE}]*[^${INVISIBLE}${SPACES}])[^${INVISIBLE}]{1,${NAME_MAX_LENGTH}}$`;
export const NAME_RULE = `1–${NAME_MAX_LENGTH} characters, at least one visible; no control or invisible characters`;

/**
 * Text Postgres can store: no NUL character (text cannot hold one) and no lone UTF-16
 * surrogate (it has no UTF-8 form).
 */
export function isStorableText(text: string): boolean {
	return !text.includes("\0") && text.isWellFormed();
}
export const STORABLE_TEXT_MESSAGE = "must not contain NUL characters or unpaired surrogates";

/**
 * A uuid as the API's routes take one (zod's `z.uuid()`: RFC 9562, any version, or the nil
 * or max uuid; hex in any case), without ^ and $, for the edge, which matches a person's
 * path without loading zod. A test holds the two to the same verdicts.
 */
export const UUID_PATTERN =
	"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff";
