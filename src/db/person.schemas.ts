import { z } from "@hono/zod-openapi";
import {
	AGE_MAX,
	FARE_MAX,
	isStorableText,
	NAME_PATTERN,
	NAME_RULE,
	SEXES,
	STORABLE_TEXT_MESSAGE,
} from "./rules";

// One wording for a missing field everywhere the schemas are used (API and CSV loader),
// instead of zod's "expected string, received undefined".
z.config({
	customError: (issue) =>
		issue.code === "invalid_type" && issue.input === undefined ? "required" : undefined,
});

// The first passenger of the dataset, used as the example throughout the OpenAPI spec.
export const personExample = {
	uuid: "0d1a7a3e-5b8f-4a4e-9a43-1c2d3e4f5a6b",
	survived: false,
	passengerClass: 3,
	name: "Mr. Owen Harris Braund",
	sex: "male",
	age: 22,
	siblingsOrSpousesAboard: 1,
	parentsOrChildrenAboard: 0,
	fare: 7.25,
} as const;

const fields = {
	survived: z.boolean().openapi({ description: "Whether the passenger survived." }),
	passengerClass: z.int().min(1).max(3).openapi({ description: "Ticket class: 1, 2 or 3." }),
	name: z
		.string()
		.regex(new RegExp(NAME_PATTERN, "u"), `must be ${NAME_RULE}`)
		.refine(isStorableText, STORABLE_TEXT_MESSAGE)
		// The pattern given as is: the generator would write the regex's `u` flag into it.
		.openapi({ description: `Full name: ${NAME_RULE}.`, pattern: NAME_PATTERN }),
	sex: z.enum(SEXES),
	age: z
		.number()
		.min(0)
		.max(AGE_MAX)
		.openapi({ description: "Age in years; infants' ages are fractional (0.42)." }),
	siblingsOrSpousesAboard: z.int32().min(0),
	parentsOrChildrenAboard: z.int32().min(0),
	fare: z.number().min(0).max(FARE_MAX).openapi({ description: "Ticket fare in pounds sterling." }),
};

export const personSchema = z
	.strictObject({ uuid: z.uuid().openapi({ description: "The passenger's public identifier." }), ...fields })
	.openapi("Person", { example: personExample });

export type Person = z.infer<typeof personSchema>;

/** A person as a read answers it: whole, or with the fields that `select` names. */
export const selectedPersonSchema = z.union([
	personSchema,
	personSchema.partial().openapi("PersonSelection", {
		description: "The fields that `select` named, in its order",
		example: { name: personExample.name, age: personExample.age },
	}),
]);

/** POST and PUT bodies: every field but `uuid` (client-chosen, optional) and `survived` (default false). */
export const newPersonSchema = z
	.strictObject({
		...fields,
		uuid: z.uuid().optional().openapi({ description: "Choose it to make a retried create safe." }),
		survived: fields.survived.default(false),
	})
	.openapi("NewPerson", { example: personExample });

export type NewPerson = z.infer<typeof newPersonSchema>;

/** PATCH body: a JSON merge of at least one field. */
export const personPatchSchema = z
	.strictObject(fields)
	.partial()
	.refine((patch) => Object.keys(patch).length > 0, {
		message: "at least one field is required",
		// Only for a truly empty patch: an unknown field has been reported already.
		when: (payload) => payload.issues.length === 0,
	})
	.openapi("PersonPatch", { example: { survived: true, age: 23 } });

export type PersonPatch = z.infer<typeof personPatchSchema>;

export const personFieldNames = Object.keys(personSchema.shape) as (keyof Person)[];
