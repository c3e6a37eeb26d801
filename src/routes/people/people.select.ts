// Field selection (PostgREST's `select=name,age`): which fields of a person an answer
// carries, in the order asked. Every field is read from the database either way (a row is
// small); the answer leaves out the rest.
import { z } from "@hono/zod-openapi";
import { type Person, personFieldNames } from "../../db/person.schemas";

export type Selection = (keyof Person)[];

const FIELD = `(${personFieldNames.join("|")})`;

export const selectParam = z
	.string()
	.optional()
	.transform((given, ctx) => {
		if (!given) return undefined;
		const names = given.split(",");
		const unknown = names.filter((name) => !(personFieldNames as string[]).includes(name));
		if (unknown.length === 0) return [...new Set(names)] as Selection;
		const message = `${unknown.map((name) => name || "(empty)").join(", ")}: not a field; the fields are ${personFieldNames.join(", ")}`;
		ctx.addIssue({ code: "custom", message, input: given });
		return z.NEVER;
	})
	.openapi({
		param: {
			description: "The fields to answer with, comma-separated, in the order given (JSON, CSV and HTML).",
		},
		type: "string",
		pattern: `^${FIELD}(,${FIELD})*$`,
		example: "name,age",
	});

/** The query a single person's read takes. */
export const personQuerySchema = z.object({ select: selectParam });

/** The person with only the selected fields, in the selection's order; all of them without one. */
export function selected(person: Person, selection: Selection | undefined): Partial<Person> {
	if (!selection) return person;
	return Object.fromEntries(selection.map((field) => [field, person[field]]));
}
