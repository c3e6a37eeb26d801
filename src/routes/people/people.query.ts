import { z } from "@hono/zod-openapi";
import { isStorableText, STORABLE_TEXT_MESSAGE } from "../../db/rules";
import { decodeCursor } from "../../lib/cursor";
import { filterParams } from "./people.filter-params";
import { isPositionIn, type KeyValue, orderKeys, SORT_KEYS } from "./people.order";
import { selectParam } from "./people.select";

export const MAX_PAGE_SIZE = 1000;
const MAX_CURSOR_LENGTH = 512;

// Query values arrive as text. They are parsed strictly ("1e2", " 5" and "yes" are errors),
// and an empty value counts as absent, which is what an HTML form's "any" option sends.
const absentWhenEmpty = (value: unknown) => (value === "" ? undefined : value);

/**
 * An optional parameter's `schema`, with an empty value read as absent. Typed by what a
 * client sends (`schema`'s own input): zod types a preprocess's input as unknown, and
 * hono's typed client would then take any value for any parameter.
 */
function emptyAsAbsent<T extends z.ZodType>(schema: T) {
	return z.preprocess(absentWhenEmpty, schema) as unknown as z.ZodPipe<
		z.ZodOptional<z.ZodType<z.input<T>, z.input<T>>>,
		T
	>;
}
const wholeNumber = z.string().regex(/^\d+$/, "must be a whole number").transform(Number);

/**
 * Where a keyset page starts: after (or, for `before`, in front of) the row at `at`, a
 * position in the list's order; without `at`, at the far end (the last page).
 */
export interface PagePosition {
	before: boolean;
	at?: KeyValue[];
}

/** What a cursor carries: the sort it was made for and the position. */
const cursorPayloadSchema = z.strictObject({
	sort: z.string(),
	before: z.boolean(),
	at: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type CursorPayload = z.infer<typeof cursorPayloadSchema>;

/** What the list and the statistics filter by: fields, and a part of the name. */
const filtersSchema = z.object({
	...filterParams,
	q: emptyAsAbsent(z.string().max(100).refine(isStorableText, STORABLE_TEXT_MESSAGE).optional()).openapi({
		param: { description: "Case-insensitive part of the name." },
		example: "braund",
	}),
});
export type FilterQuery = z.output<typeof filtersSchema>;

const fieldsSchema = filtersSchema.extend({
	select: selectParam,
	limit: emptyAsAbsent(wholeNumber.pipe(z.int().min(1).max(MAX_PAGE_SIZE)).default(MAX_PAGE_SIZE)).openapi({
		param: { description: `Page size, 1–${MAX_PAGE_SIZE}.` },
		type: "integer",
		minimum: 1,
		maximum: MAX_PAGE_SIZE,
		default: MAX_PAGE_SIZE,
	}),
	offset: emptyAsAbsent(wholeNumber.pipe(z.int().min(0)).default(0)).openapi({
		param: {
			description:
				"Rows to skip. Costs time in proportion to the offset: follow the `Link` cursors to page deep.",
		},
		type: "integer",
		minimum: 0,
		default: 0,
	}),
	cursor: emptyAsAbsent(z.string().max(MAX_CURSOR_LENGTH).optional()).openapi({
		param: {
			description:
				"An opaque page position from a `Link` URL (next, prev, last); the same cost at any depth. Keep the sort it was made for.",
		},
		type: "string",
	}),
	sort: emptyAsAbsent(z.enum(SORT_KEYS).optional()).openapi({
		param: { description: "A field to sort by, `-` first for descending; ties keep insertion order." },
		example: "-age",
	}),
});

/** The list's query: filters, sort and either an offset or a cursor, checked against the sort. */
export const listQuerySchema = fieldsSchema.transform(async ({ cursor, ...query }, ctx) => {
	if (cursor === undefined) return { ...query, page: undefined as PagePosition | undefined };
	const issue = (message: string) => {
		ctx.addIssue({ code: "custom", path: ["cursor"], message, input: cursor });
		return z.NEVER;
	};
	const payload = cursorPayloadSchema.safeParse(await decodeCursor(cursor));
	if (!payload.success) return issue("not a cursor of this list (edited or cut short?)");
	const { sort, before, at } = payload.data;
	if (sort !== (query.sort ?? "")) {
		return issue(`made for sort=${sort || "(none)"}; keep the sort of the link it came from`);
	}
	if (at && !isPositionIn(orderKeys(query.sort), at)) return issue("holds a position outside the list");
	if (query.offset > 0) return issue("cannot be combined with offset");
	return { ...query, page: { before, at } as PagePosition | undefined };
});

export type ListQuery = z.output<typeof listQuerySchema>;

const GROUPS = ["passengerClass", "sex", "ageBand"] as const;
export type StatsGroup = (typeof GROUPS)[number];

/** The statistics' query: the list's filters, and what to group by. */
export const statsQuerySchema = filtersSchema.extend({
	groupBy: emptyAsAbsent(
		z
			.string()
			.optional()
			.transform((v) => (v === undefined ? [] : [...new Set(v.split(",").map((g) => g.trim()))]))
			.pipe(z.array(z.enum(GROUPS, { error: `each must be one of ${GROUPS.join(", ")}` }))),
	).openapi({
		param: {
			description: `Comma-separated: ${GROUPS.join(", ")} (ages by decade: 0 = 0–9, 10 = 10–19, …).`,
		},
		type: "string",
		example: "passengerClass,sex",
	}),
});

export type StatsQuery = z.output<typeof statsQuerySchema>;
