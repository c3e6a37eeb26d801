import { createRoute, z } from "@hono/zod-openapi";
import { newPersonSchema, personPatchSchema, selectedPersonSchema } from "../../db/person.schemas";
import { bookmarkResponseHeader } from "../../lib/bookmark";
import { PUBLIC, problemResponses } from "../../lib/problem";
import {
	changed,
	html,
	ifMatchHeader,
	invalid,
	jsonBody,
	mergePatchBody,
	notAcceptable,
	notFound,
	personJson,
	personReadHeaders,
	personWriteHeaders,
	preferHeader,
	readAnswerHeaders,
	readHeaders,
	readProblems,
	security,
	tags,
	tooMany,
	unauthorized,
	uuidParam,
	writeProblems,
	writeUnavailable,
} from "./people.openapi";
import { listQuerySchema, statsQuerySchema } from "./people.query";
import { personQuerySchema } from "./people.select";
import { SEARCH_TOO_BROAD, statsSchema } from "./people.stats";

export const list = createRoute({
	operationId: "listPeople",
	...PUBLIC,
	method: "get",
	path: "/people",
	tags,
	summary: "List people",
	description: "Insertion (CSV) order unless `sort` says otherwise. `X-Total-Count` and `Link` help paging.",
	request: { query: listQuerySchema, headers: preferHeader.extend(readHeaders.shape) },
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
				...readAnswerHeaders,
			}),
			content: {
				"application/json": { schema: z.array(selectedPersonSchema) },
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
	request: { query: statsQuerySchema, headers: readHeaders },
	responses: {
		200: {
			description: "Counts and survival rates (0–1)",
			headers: z.object(readAnswerHeaders),
			content: { "application/json": { schema: statsSchema } },
		},
		...problemResponses({ 400: invalid, 422: SEARCH_TOO_BROAD }),
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
			headers: personWriteHeaders.extend({ Location: z.string().openapi({ example: "/people/{uuid}" }) }),
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
	request: { params: uuidParam, query: personQuerySchema, headers: readHeaders },
	responses: {
		200: {
			description: "The person (with `select`, the fields selected)",
			headers: personReadHeaders,
			content: { "application/json": { schema: selectedPersonSchema }, ...html },
		},
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
		200: { description: "The replaced person", headers: personWriteHeaders, content: personJson },
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
		200: { description: "The updated person", headers: personWriteHeaders, content: personJson },
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

export type ListRoute = typeof list;
export type StatsRoute = typeof stats;
export type CreateRoute = typeof create;
export type GetOneRoute = typeof getOne;
export type ReplaceRoute = typeof replace;
export type PatchRoute = typeof patch;
export type RemoveRoute = typeof remove;
