// The filters' query parameters: zod reads each into its normal form (people.filter-syntax.ts),
// OpenAPI shows the syntax exactly (a pattern per condition), and hono's typed client
// types what it may send.
import { z } from "@hono/zod-openapi";
import {
	FILTER_FIELDS,
	FILTER_KINDS,
	type FieldFilter,
	type FilterField,
	type Kind,
	operatorsOf,
	readField,
	type ValueOf,
} from "./people.filter-syntax";

/** A condition as a typed client writes it: `sex: "bogus"` does not compile. */
type Written<V> =
	| `${V & (string | number | boolean)}`
	| `eq.${V & (string | number | boolean)}`
	| `in.(${string})`
	| (V extends number ? `${"gt" | "gte" | "lt" | "lte"}.${number}` : never);

/** A filter parameter's schema: one condition or several (the parameter repeated); empty ones are absent. */
function filterParam<V>(kind: Kind<V>) {
	const operators = operatorsOf(kind as Kind<unknown>);
	const single = operators.filter((operator) => operator !== "in").join("|");
	const { pattern } = kind;
	const condition = `((${single})\\.)?${pattern}|in\\.\\(${pattern}(,${pattern})*\\)`;
	return z
		.union([z.string(), z.array(z.string())])
		.optional()
		.transform((given, ctx) => {
			const raw = [given ?? []].flat().filter((text) => text !== "");
			const read = readField(kind, raw);
			if (typeof read !== "string") return read;
			ctx.addIssue({ code: "custom", path: [], message: read, input: given });
			return z.NEVER;
		})
		.openapi({
			param: {
				description: `${kind.says[0]?.toUpperCase()}${kind.says.slice(1)}, or conditions in PostgREST's syntax (${operators.join(", ")}), repeated for several; all must hold. Several bare values name a set, like in.(…).`,
				explode: true,
				style: "form",
			},
			type: "array",
			items: { type: "string", pattern: `^(${condition})$` },
		});
}

export const filterParams = Object.fromEntries(
	FILTER_FIELDS.map((field) => [field, filterParam(FILTER_KINDS[field] as Kind<unknown>)]),
) as unknown as {
	[F in FilterField]: z.ZodOptional<
		z.ZodType<FieldFilter<ValueOf<F>>, Written<ValueOf<F>> | Written<ValueOf<F>>[]>
	>;
};
