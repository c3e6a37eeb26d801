import type { Hook } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import { type FieldError, problem } from "./problem";
import type { AppBindings } from "./types";

function isMissing(input: unknown, path: PropertyKey[]): boolean {
	let value = input;
	for (const key of path) {
		if (typeof value !== "object" || value === null) return false;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value === undefined;
}

/**
 * Turns a zod failure into one `{path, message}` per bad field: unknown keys each get
 * their own entry, a field that is simply absent reads "required", and a value outside a
 * set lists the set.
 */
export function fieldErrors(error: ZodError, input: unknown): FieldError[] {
	const messages = new Map<string, string[]>();
	const add = (path: PropertyKey[], message: string) => {
		const key = path.join(".") || "(body)";
		messages.set(key, [...(messages.get(key) ?? []), message]);
	};
	const report = (issue: ZodError["issues"][number]) => {
		if (issue.code === "invalid_union" && issue.errors.length) {
			// A body that may be one thing or a list of them (POST /people): the errors of the
			// shape the input has, not the other shape's "expected array".
			const shaped = issue.errors.find(
				(errors) => !errors.some((e) => e.code === "invalid_type" && e.path.length === 0),
			);
			for (const inner of shaped ?? issue.errors[0] ?? [])
				report({ ...inner, path: [...issue.path, ...inner.path] });
		} else if (issue.code === "unrecognized_keys")
			for (const key of issue.keys) add([...issue.path, key], "unknown field");
		else if (issue.path.length && isMissing(input, issue.path)) add(issue.path, "required");
		// zod's own words list the values as a JavaScript union ("male"|"female"): people read this.
		else if (issue.code === "invalid_value") add(issue.path, `must be one of ${issue.values.join(", ")}`);
		else add(issue.path, issue.message);
	};
	for (const issue of error.issues) report(issue);
	return [...messages].map(([path, all]) => ({ path, message: all.join("; ") }));
}

const PLACES: Record<string, string> = {
	json: "request body",
	query: "query string",
	param: "path",
	header: "headers",
};

/** Every route's validation failure becomes a 400 problem naming each bad field. */
export const validationHook: Hook<unknown, AppBindings, string, unknown> = (result, c) => {
	if (result.success) return;
	// @hono/zod-validator passes the raw input as `data` on failure too; the type omits it.
	const errors = fieldErrors(result.error, (result as { data?: unknown }).data);
	const fields = errors.map((e) => e.path).join(", ");
	return problem(c, 400, `invalid ${PLACES[result.target] ?? result.target}: ${fields}`, { errors });
};
