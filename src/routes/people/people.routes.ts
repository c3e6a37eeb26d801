import { createRoute, z } from "@hono/zod-openapi";
import { newPersonSchema, personPatchSchema, personSchema } from "../../db/person.schemas";
import { GUARD_PROBLEMS, PUBLIC, problemResponses } from "../../lib/problem";
import { EXACT_COUNT_LIMIT } from "./people.count";
import { listQuerySchema, statsQuerySchema } from "./people.query";
import { statsSchema } from "./people.stats";

const tags = ["People"];

const uuidParam = z.object({
	uuid: z
		.uuid()
		.openapi({ param: { name: "uuid", in: "path" }, example: "0d1a7a3e-5b8f-4a4e-9a43-1c2d3e4f5a6b" }),
});

const preferHeader = z.object({
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

const ifMatchHeader = z.object({
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
const etagHeader = z.object({
	ETag: z
		.string()
		.openapi({ description: "The person's ETag, for If-Match and If-None-Match", example: '"p42"' }),
});
const changed = "The person has changed since the ETag in If-Match: GET it again";

const personJson = { "application/json": { schema: personSchema } };
const html = { "text/html": { schema: z.string().openapi({ description: "A page for browsers" }) } };
const jsonBody = <S extends z.ZodType>(schema: S, description: string) => ({
	required: true as const,
	description,
	content: { "application/json": { schema } },
});

// A PATCH body is a JSON merge patch (RFC 7396), under either media type.
const mergePatchBody = <S extends z.ZodType>(schema: S, description: string) => ({
	required: true as const,
	description,
	content: { "application/json": { schema }, "application/merge-patch+json": { schema } },
});

const invalid = "Invalid parameters or body; `errors` names each bad field";
const notFound = "No person has this uuid";
const tooMany = "Over this address's budget; see Retry-After";
const unauthorized = "No or a wrong bearer token (when the API has one)";
const writeUnavailable = "The database is unavailable, or writes are disabled here; see Retry-After";
const notAcceptable = GUARD_PROBLEMS[406];
const readProblems = problemResponses({
	406: notAcceptable,
	429: tooMany,
	503: "The database is unavailable; see Retry-After",
});
const writeProblems = problemResponses({
	400: invalid,
	401: unauthorized,
	406: notAcceptable,
	413: "The body is larger than 64 KiB",
	415: "The body is not JSON, or is encoded (Content-Encoding)",
	429: tooMany,
	503: writeUnavailable,
});
// Writes carry the bearer token when the deployment has one (see README, "Protection").
const security = [{ bearerAuth: [] }];

export const list = createRoute({
	operationId: "listPeople",
	...PUBLIC,
	method: "get",
	path: "/people",
	tags,
	summary: "List people",
	description: "Insertion (CSV) order unless `sort` says otherwise. `X-Total-Count` and `Link` help paging.",
	request: { query: listQuerySchema, headers: preferHeader },
	responses: {
		200: {
			description: "A page of people",
			headers: z.object({
				"X-Total-Count": z.string().openapi({ description: "People matching the filters" }),
				"X-Total-Count-Mode": z.enum(["exact", "planned"]).openapi({
					description: "`exact`: counted; `planned`: the query planner's estimate",
				}),
				"Preference-Applied": z.string().optional().openapi({ description: "The count preference honoured" }),
				Link: z.string().openapi({
					description: "RFC 8288 links: first, prev, next, last; all but first carry a cursor",
				}),
			}),
			content: {
				"application/json": { schema: z.array(personSchema) },
				...html,
				"text/csv": {
					schema: z.string().openapi({
						description:
							"The page in the CSV loader's format (its header, 0/1, CRLF); `db:load` takes it back unchanged. Names a spreadsheet would run as formulas start with an apostrophe.",
					}),
				},
			},
		},
		...problemResponses({ 400: invalid }),
		...readProblems,
	},
});

export const stats = createRoute({
	operationId: "peopleStats",
	...PUBLIC,
	method: "get",
	path: "/people/stats",
	tags,
	summary: "Survival statistics",
	description:
		"How many of the people matching the filters survived, in total and per group (`groupBy`), in one round trip.",
	request: { query: statsQuerySchema },
	responses: {
		200: {
			description: "Counts and survival rates (0–1)",
			content: { "application/json": { schema: statsSchema } },
		},
		...problemResponses({ 400: invalid }),
		...readProblems,
	},
});

export const create = createRoute({
	operationId: "createPerson",
	method: "post",
	security,
	path: "/people",
	tags,
	summary: "Add a person",
	request: { body: jsonBody(newPersonSchema, "The new person; `uuid` is optional") },
	responses: {
		201: {
			description: "Created",
			headers: z.object({ Location: z.string().openapi({ example: "/people/{uuid}" }) }),
			content: personJson,
		},
		...writeProblems,
		...problemResponses({ 409: "A person with this uuid already exists" }),
	},
});

export const getOne = createRoute({
	operationId: "getPerson",
	...PUBLIC,
	method: "get",
	path: "/people/{uuid}",
	tags,
	summary: "Get a person",
	request: { params: uuidParam },
	responses: {
		200: { description: "The person", headers: etagHeader, content: { ...personJson, ...html } },
		...problemResponses({ 400: "Malformed uuid", 404: notFound }),
		...readProblems,
	},
});

export const replace = createRoute({
	operationId: "replacePerson",
	method: "put",
	security,
	path: "/people/{uuid}",
	tags,
	summary: "Replace a person",
	description: "Full replacement with the same rules as POST; a `uuid` in the body must match the path.",
	request: {
		params: uuidParam,
		headers: ifMatchHeader,
		body: jsonBody(newPersonSchema, "Every field; `survived` defaults to false"),
	},
	responses: {
		200: { description: "The replaced person", headers: etagHeader, content: personJson },
		...writeProblems,
		...problemResponses({ 404: notFound, 412: changed }),
	},
});

export const patch = createRoute({
	operationId: "updatePerson",
	method: "patch",
	security,
	path: "/people/{uuid}",
	tags,
	summary: "Update some fields of a person",
	request: {
		params: uuidParam,
		headers: ifMatchHeader,
		body: mergePatchBody(personPatchSchema, "At least one field to change"),
	},
	responses: {
		200: { description: "The updated person", headers: etagHeader, content: personJson },
		...writeProblems,
		...problemResponses({ 404: notFound, 412: changed }),
	},
});

export const remove = createRoute({
	operationId: "deletePerson",
	method: "delete",
	security,
	path: "/people/{uuid}",
	tags,
	summary: "Delete a person",
	request: { params: uuidParam, headers: ifMatchHeader },
	responses: {
		204: { description: "Deleted" },
		...problemResponses({
			400: "Malformed uuid",
			401: unauthorized,
			404: notFound,
			406: notAcceptable,
			412: changed,
			429: tooMany,
			503: writeUnavailable,
		}),
	},
});

export type ListRoute = typeof list;
export type StatsRoute = typeof stats;
export type CreateRoute = typeof create;
export type GetOneRoute = typeof getOne;
export type ReplaceRoute = typeof replace;
export type PatchRoute = typeof patch;
export type RemoveRoute = typeof remove;
