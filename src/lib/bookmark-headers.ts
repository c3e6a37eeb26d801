import { z } from "@hono/zod-openapi";
import { BOOKMARK_PATTERN } from "./bookmark";

// The Bookmark headers as the OpenAPI document describes them: apart from bookmark.ts, which
// the read cache uses, so that an answer from the cache loads no schema.

const BOOKMARK_DESCRIPTION =
	"An opaque token of the database state an answer shows; every read answer and every successful write carries one. Send it back as the `Bookmark` request header to read at least that state at any location: your own writes, and never an older answer than one you have seen.";

/** The request header of a read: answer with a state at least this new. */
export const bookmarkRequestHeader = z.object({
	bookmark: z
		.string()
		.regex(BOOKMARK_PATTERN)
		.optional()
		.openapi({
			param: {
				description:
					"The newest `Bookmark` this client was answered: the answer will show at least that state, from the read cache if it can, else from the database. Malformed: 400.",
			},
			example: "k3l9.2",
		}),
});

/** The response header every read and write answer carries. */
export const bookmarkResponseHeader = {
	Bookmark: z.string().openapi({ description: BOOKMARK_DESCRIPTION, example: "k3l9.2" }),
};
