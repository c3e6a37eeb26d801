import { createRoute, z } from "@hono/zod-openapi";
import { selectedPersonSchema } from "../../db/person.schemas";
import { PUBLIC, problemResponses } from "../../lib/problem-schema";
import {
	html,
	invalid,
	notFound,
	personReadHeaders,
	preferHeader,
	readAnswerHeaders,
	readHeaders,
	readProblems,
	tags,
	uuidParam,
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

export type ListRoute = typeof list;
export type StatsRoute = typeof stats;
export type GetOneRoute = typeof getOne;
