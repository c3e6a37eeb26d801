import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { fieldErrors } from "../../src/lib/validation-hook";
import { api } from "../support/api";

const schema = z.strictObject({ name: z.string(), age: z.number().min(0), nested: z.object({ n: z.int() }) });

function errorsFor(input: unknown) {
	const result = schema.safeParse(input);
	if (result.success) throw new Error("expected a failure");
	return fieldErrors(result.error, input);
}

describe("fieldErrors", () => {
	it("gives each bad field one entry: required, wrong type, unknown, nested paths", () => {
		expect(errorsFor({ age: "x", nested: { n: 1.5 }, extra: 1, more: 2 })).toEqual([
			{ path: "name", message: "required" },
			{ path: "age", message: expect.stringMatching(/expected number/) },
			{ path: "nested.n", message: expect.stringMatching(/int/) },
			{ path: "extra", message: "unknown field" },
			{ path: "more", message: "unknown field" },
		]);
	});

	it("joins several messages for one field and names a bad body as a whole", () => {
		const twice = z.string().min(5).regex(/^\d+$/);
		const result = z.object({ code: twice }).safeParse({ code: "ab" });
		expect(result.success).toBe(false);
		if (!result.success) expect(fieldErrors(result.error, { code: "ab" })).toHaveLength(1);
		const whole = z.object({}).safeParse("text");
		if (!whole.success)
			expect(fieldErrors(whole.error, "text")).toEqual([{ path: "(body)", message: expect.any(String) }]);
	});

	it("lists the values a field may take, as a person reads them, in JSON and on the page", async () => {
		const json = await api("/people?sex=bogus&passengerClass=4&sort=bogus");
		expect(((await json.json()) as { errors: unknown }).errors).toEqual([
			{ path: "passengerClass", message: "4 is not 1, 2 or 3" },
			{ path: "sex", message: "bogus is not one of male, female, other" },
			{ path: "sort", message: expect.stringMatching(/^must be one of uuid, -uuid, survived, /) },
		]);
		const page = await (await api("/people?sex=bogus", { headers: { Accept: "text/html" } })).text();
		expect(page).toContain("<code>sex</code>: bogus is not one of male, female, other");
		expect(page).not.toMatch(/&quot;male&quot;\|/);
	});
});
