import { z } from "@hono/zod-openapi";
import { personFieldNames } from "../../db/person.schemas";
import { isStorableText, SEXES, STORABLE_TEXT_MESSAGE } from "../../db/rules";

export const MAX_PAGE_SIZE = 1000;

// Query values arrive as text. They are parsed strictly ("1e2", " 5" and "yes" are errors),
// and an empty value counts as absent, which is what an HTML form's "any" option sends.
const absentWhenEmpty = (value: unknown) => (value === "" ? undefined : value);
const wholeNumber = z.string().regex(/^\d+$/, "must be a whole number").transform(Number);

const sortKeys = personFieldNames.flatMap((field) => [field, `-${field}`]) as [string, ...string[]];

export const listQuerySchema = z.object({
	limit: z
		.preprocess(absentWhenEmpty, wholeNumber.pipe(z.int().min(1).max(MAX_PAGE_SIZE)).optional())
		.openapi({
			param: { description: `Page size, 1–${MAX_PAGE_SIZE}.` },
			type: "integer",
			minimum: 1,
			maximum: MAX_PAGE_SIZE,
			default: MAX_PAGE_SIZE,
		}),
	offset: z
		.preprocess(absentWhenEmpty, wholeNumber.pipe(z.int().min(0)).optional())
		.openapi({ param: { description: "Rows to skip." }, type: "integer", minimum: 0, default: 0 }),
	sort: z.preprocess(absentWhenEmpty, z.enum(sortKeys).optional()).openapi({
		param: { description: "A field to sort by, `-` first for descending; ties keep insertion order." },
		example: "-age",
	}),
	survived: z
		.preprocess(absentWhenEmpty, z.enum(["true", "false"]).optional())
		.transform((v) => (v === undefined ? undefined : v === "true"))
		.openapi({ type: "boolean" }),
	passengerClass: z
		.preprocess(absentWhenEmpty, z.enum(["1", "2", "3"]).optional())
		.transform((v) => (v === undefined ? undefined : Number(v)))
		.openapi({ type: "integer", enum: [1, 2, 3] }),
	sex: z.preprocess(absentWhenEmpty, z.enum(SEXES).optional()),
	q: z
		.preprocess(absentWhenEmpty, z.string().max(100).refine(isStorableText, STORABLE_TEXT_MESSAGE).optional())
		.openapi({ param: { description: "Case-insensitive part of the name." }, example: "braund" }),
});

export type ListQuery = z.output<typeof listQuerySchema>;
