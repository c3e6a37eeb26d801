import { createRoute, z } from "@hono/zod-openapi";
import { newPersonSchema, personPatchSchema } from "../../db/person.schemas";
import { bookmarkResponseHeader } from "../../lib/bookmark-headers";
import { problemResponses } from "../../lib/problem-schema";
import { MAX_BULK_PEOPLE } from "./people.create";
import { csvBody } from "./people.csv-body";
import {
	changed,
	createdHeaders,
	createdJson,
	idempotencyKeyHeader,
	ifMatchHeader,
	jsonBody,
	mergePatchBody,
	notAcceptable,
	notFound,
	personJson,
	personWriteHeaders,
	returnHeader,
	security,
	tags,
	tooMany,
	unauthorized,
	uuidParam,
	writeProblems,
	writeUnavailable,
} from "./people.openapi";

export const create = createRoute({
	operationId: "createPerson",
	method: "post",
	security,
	path: "/people",
	tags,
	summary: "Add a person, or up to 1000 people",
	description: `One person as a JSON object; or up to ${MAX_BULK_PEOPLE} as a JSON array or as CSV in the loader's format (its header; a \`uuid\` column optional). All or nothing, in one statement: each bad item is named (\`errors\`: its index, or its CSV line) and nothing is written.`,
	middleware: [csvBody] as const,
	request: {
		headers: returnHeader.extend(idempotencyKeyHeader.shape),
		body: {
			required: true,
			description: "The new people; `uuid` is optional",
			content: {
				"application/json": {
					schema: z.union([newPersonSchema, z.array(newPersonSchema).min(1).max(MAX_BULK_PEOPLE)]),
				},
				"text/csv": {
					schema: z.string().openapi({
						description:
							"The loader's CSV: its header line, then one person a line (what GET /people answers as CSV)",
					}),
				},
			},
		},
	},
	responses: {
		201: { description: "Created", headers: createdHeaders, content: createdJson },
		...writeProblems,
		...problemResponses({
			409: "A person with a uuid of the body exists already, or this Idempotency-Key's first request is still being written",
			422: "This Idempotency-Key came with another request",
		}),
	},
});

/** What PUT and PATCH answer: the person as the write left it (`done`), or no body, as preferred. */
function updateResponses(done: "replaced" | "updated") {
	return {
		200: { description: `The ${done} person`, headers: personWriteHeaders, content: personJson },
		204: {
			description: `${done[0]?.toUpperCase()}${done.slice(1)} (\`return=minimal\` or \`headers-only\`)`,
			headers: personWriteHeaders,
		},
		...writeProblems,
		...problemResponses({ 404: notFound, 412: changed }),
	};
}

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
		headers: ifMatchHeader.extend(returnHeader.shape),
		body: jsonBody(newPersonSchema, "Every field; `survived` defaults to false"),
	},
	responses: updateResponses("replaced"),
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
		headers: ifMatchHeader.extend(returnHeader.shape),
		body: mergePatchBody(personPatchSchema, "At least one field to change"),
	},
	responses: updateResponses("updated"),
});

export const remove = createRoute({
	operationId: "deletePerson",
	method: "delete",
	security,
	path: "/people/{uuid}",
	tags,
	summary: "Delete a person",
	request: { params: uuidParam, headers: ifMatchHeader.extend(returnHeader.shape) },
	responses: {
		200: {
			description: "Deleted: who it was (`return=representation`)",
			headers: personWriteHeaders,
			content: personJson,
		},
		204: { description: "Deleted", headers: z.object(bookmarkResponseHeader) },
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

export type CreateRoute = typeof create;
export type ReplaceRoute = typeof replace;
export type PatchRoute = typeof patch;
export type RemoveRoute = typeof remove;
