// The pieces the people routes share in the OpenAPI document: parameters, headers,
// bodies and the problems they answer with.
import { z } from "@hono/zod-openapi";
import { personSchema } from "../../db/person.schemas";
import { bookmarkRequestHeader, bookmarkResponseHeader } from "../../lib/bookmark";
import { GUARD_PROBLEMS, problemResponses } from "../../lib/problem";
import { EXACT_COUNT_LIMIT } from "./people.count";

export const tags = ["People"];

export const uuidParam = z.object({
	uuid: z
		.uuid()
		.openapi({ param: { name: "uuid", in: "path" }, example: "0d1a7a3e-5b8f-4a4e-9a43-1c2d3e4f5a6b" }),
});

/** What every read answer says of where it came from, and which state of the database it shows. */
export const readAnswerHeaders = {
	...bookmarkResponseHeader,
	"Cache-Status": z.string().openapi({
		description:
			"RFC 9211: `hit` from this location's read cache (a negative `ttl` and `detail=stale-while-revalidate`: stale, refreshing in the background), `fwd=…` from the database (`stored` when kept), or `fwd=stale` with `detail=stale-if-error` or `detail=database-deadline`: a stored answer in place of a database that failed or was slow.",
		example: "titanic-people-api; hit; ttl=42",
	}),
	Age: z.string().optional().openapi({ description: "Seconds since a stored answer was stored" }),
};

/** The read's request headers: a bookmark to read at least. */
export const readHeaders = bookmarkRequestHeader;

export const preferHeader = z.object({
	prefer: z
		.string()
		.optional()
		.openapi({
			param: {
				description: `How to count X-Total-Count: \`count=exact\`, \`count=planned\` (the planner's estimate) or \`count=estimated\` (the default: exact up to ${EXACT_COUNT_LIMIT} matches, the estimate above).`,
			},
			example: "count=exact",
		}),
});

export const ifMatchHeader = z.object({
	"if-match": z
		.string()
		.optional()
		.openapi({
			param: {
				description:
					"Write only if the person is unchanged: the ETag of its JSON from a GET or an earlier write. Otherwise 412.",
			},
			example: '"p42"',
		}),
});
const etag = {
	ETag: z
		.string()
		.openapi({ description: "The person's ETag, for If-Match and If-None-Match", example: '"p42"' }),
};
/** A person read: its ETag, and where the answer came from. */
export const personReadHeaders = z.object({ ...etag, ...readAnswerHeaders });
/** A person written: its ETag, and the state of the database after the write. */
export const personWriteHeaders = z.object({ ...etag, ...bookmarkResponseHeader });
export const changed = "The person has changed since the ETag in If-Match: GET it again";

export const personJson = { "application/json": { schema: personSchema } };
export const html = { "text/html": { schema: z.string().openapi({ description: "A page for browsers" }) } };
export const jsonBody = <S extends z.ZodType>(schema: S, description: string) => ({
	required: true as const,
	description,
	content: { "application/json": { schema } },
});

// A PATCH body is a JSON merge patch (RFC 7396), under either media type.
export const mergePatchBody = <S extends z.ZodType>(schema: S, description: string) => ({
	required: true as const,
	description,
	content: { "application/json": { schema }, "application/merge-patch+json": { schema } },
});

export const invalid = "Invalid parameters or body; `errors` names each bad field";
export const notFound = "No person has this uuid";
export const tooMany = "Over this address's budget; see Retry-After";
export const unauthorized = "No or a wrong bearer token (when the API has one)";
export const writeUnavailable = "The database is unavailable, or writes are disabled here; see Retry-After";
export const notAcceptable = GUARD_PROBLEMS[406];
export const readProblems = problemResponses({
	406: notAcceptable,
	429: tooMany,
	503: "The database is unavailable; see Retry-After",
});
export const writeProblems = problemResponses({
	400: invalid,
	401: unauthorized,
	406: notAcceptable,
	413: "The body is larger than 64 KiB",
	415: "The body is not JSON, or is encoded (Content-Encoding)",
	429: tooMany,
	503: writeUnavailable,
	504: "The database did not confirm the write in time: it may have happened. Read the person before writing again",
});
// Writes carry the bearer token when the deployment has one (see README, "Protection").
export const security = [{ bearerAuth: [] }];
