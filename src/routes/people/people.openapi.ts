// The pieces the people routes share in the OpenAPI document: parameters, headers,
// bodies and the problems they answer with.
import { z } from "@hono/zod-openapi";
import { personSchema } from "../../db/person.schemas";
import { MAX_BODY_BYTES } from "../../lib/behind-the-edge";
import { bookmarkRequestHeader, bookmarkResponseHeader } from "../../lib/bookmark-headers";
import { idempotencyKeyOf } from "../../lib/idempotency-key";
import { GUARD_PROBLEMS, problemResponses } from "../../lib/problem-schema";
import { EXACT_COUNT_LIMIT } from "./people.count";
import { IDEMPOTENCY_KEY_HOURS, MAX_BULK_BODY_BYTES } from "./people.create";

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

/** A write's Prefer: what it answers with. */
export const returnHeader = z.object({
	prefer: z
		.string()
		.optional()
		.openapi({
			param: {
				description:
					"`return=representation` (the default, but for DELETE): the person in the body; `return=headers-only`: no body, the ETag and (creating one) the Location; `return=minimal`: no body, no ETag. Said back in Preference-Applied.",
			},
			example: "return=minimal",
		}),
});

export const idempotencyKeyHeader = z.object({
	"idempotency-key": z
		.string()
		.optional()
		.transform((header, ctx) => {
			if (header === undefined) return undefined;
			const key = idempotencyKeyOf(header);
			if (key === undefined) {
				ctx.addIssue({
					code: "custom",
					message: 'must be 1–255 visible ASCII characters, bare or quoted ("…")',
				});
			}
			return key;
		})
		.openapi({
			param: {
				description: `Makes a retried create safe (IETF httpapi draft): the same key with the same body, within ${IDEMPOTENCY_KEY_HOURS} hours, answers the first answer again (\`Idempotent-Replayed: true\`) and writes nothing; with another body it is a 422, and while the first is still being written a 409. Keys are the caller's own (per bearer token).`,
			},
			type: "string",
			example: '"8e03978e-40d5-43e8-bc93-6894a57f9324"',
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
const preferenceApplied = {
	"Preference-Applied": z.string().optional().openapi({ description: "The `return` preference honoured" }),
};
/** A person written: its ETag (unless `return=minimal`), and the state of the database after the write. */
export const personWriteHeaders = z.object({
	ETag: etag.ETag.optional(),
	...bookmarkResponseHeader,
	...preferenceApplied,
});
/** People created: where the one is, whether this is a replay, and the state after the write. */
export const createdHeaders = personWriteHeaders.extend({
	Location: z
		.string()
		.optional()
		.openapi({ description: "Where the person is (one created, not a list)", example: "/people/{uuid}" }),
	"Idempotent-Replayed": z
		.literal("true")
		.optional()
		.openapi({ description: "The answer of an earlier request with this Idempotency-Key" }),
});
export const changed = "The person has changed since the ETag in If-Match: GET it again";

export const personJson = { "application/json": { schema: personSchema } };
export const createdJson = {
	"application/json": {
		schema: z.union([personSchema, z.array(personSchema)]).openapi({
			description: "The person, or the people of an array or CSV body in its order",
		}),
	},
};
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
	413: `The body is larger than ${MAX_BODY_BYTES / 1024} KiB (POST /people: ${MAX_BULK_BODY_BYTES / 1024} KiB)`,
	415: "The body is not JSON, or is encoded (Content-Encoding)",
	429: tooMany,
	503: writeUnavailable,
	504: "The database did not confirm the write in time: it may have happened. Read the person before writing again",
});
// Writes carry the bearer token when the deployment has one (see docs/security.md).
export const security = [{ bearerAuth: [] }];
