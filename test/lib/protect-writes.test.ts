import { describe, expect, it } from "vitest";
import { ORIGIN, withEnv } from "../support/api";
import { samplePerson } from "../support/sample-person";

const post = (headers: Record<string, string> = {}) => ({
	method: "POST",
	body: JSON.stringify(samplePerson()),
	headers: { "Content-Type": "application/json", ...headers },
});

describe("write protection", () => {
	const token = "s3cret-Token_for.tests";

	it("lets writes through only with the bearer token, and reads without one", async () => {
		const missing = await withEnv({ API_TOKEN: token }, "/people", post());
		expect(missing.status).toBe(401);
		expect(missing.headers.get("WWW-Authenticate")).toMatch(/^Bearer /);
		expect(missing.headers.get("Content-Type")).toBe("application/problem+json");
		const wrong = await withEnv({ API_TOKEN: token }, "/people", post({ Authorization: "Bearer nope" }));
		expect(wrong.status).toBe(401);
		expect(wrong.headers.get("WWW-Authenticate")).toMatch(/error="invalid_token"/);
		const malformed = await withEnv({ API_TOKEN: token }, "/people", post({ Authorization: "Basic abc" }));
		expect(malformed.status).toBe(400);
		const right = await withEnv({ API_TOKEN: token }, "/people", post({ Authorization: `Bearer ${token}` }));
		expect(right.status).toBe(201);
		expect((await withEnv({ API_TOKEN: token }, "/people?limit=1")).status).toBe(200);
	});

	it("refuses writes without a token unless the local tooling opened them, in every environment", async () => {
		for (const closed of [
			{ APP_ENV: "staging", OPEN_WRITES: undefined, API_TOKEN: undefined },
			// wrangler.toml's top level as a bare `wrangler deploy` would ship it.
			{ APP_ENV: "local", OPEN_WRITES: "false", API_TOKEN: "" },
		]) {
			const response = await withEnv(closed, "/people", post());
			expect(response.status).toBe(503);
			expect(((await response.json()) as { detail: string }).detail).toMatch(/no API_TOKEN/);
			expect((await withEnv(closed, "/people?limit=2")).status).toBe(200);
		}
		expect((await withEnv({ OPEN_WRITES: "true", API_TOKEN: "" }, "/people", post())).status).toBe(201);
	});

	it("keeps open writes to the API's own origin: a page elsewhere may read, never write", async () => {
		const open = { OPEN_WRITES: "true", API_TOKEN: "" };
		const evil = { Origin: "https://evil.example" };
		const refused = await withEnv(open, "/people", post(evil));
		expect(refused.status).toBe(403);
		expect(((await refused.json()) as { detail: string }).detail).toBe(
			"writes without a token are open to this origin only, not to a page on https://evil.example",
		);
		expect(refused.headers.get("Access-Control-Allow-Origin")).toBe("*");
		const deleted = await withEnv(open, "/people/00000000-0000-4000-8000-000000000000", {
			method: "DELETE",
			headers: evil,
		});
		expect(deleted.status).toBe(403);
		expect((await withEnv(open, "/people?limit=1", { headers: evil })).status).toBe(200);
		expect((await withEnv(open, "/people", post({ Origin: ORIGIN }))).status).toBe(201);
	});
});
