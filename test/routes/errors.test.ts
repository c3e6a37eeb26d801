import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import app from "../../src/index";
import { MAX_BODY_BYTES } from "../../src/lib/behind-the-edge";
import { MAX_BULK_BODY_BYTES } from "../../src/routes/people/people.create";
import { api, ORIGIN, sendJson } from "../support/api";
import { samplePerson } from "../support/sample-person";

// Cloudflare's edge sets the client address; a request straight to the app carries its own.
const FROM = { "CF-Connecting-IP": "203.0.113.50" };

async function expectProblem(response: Response, status: number) {
	expect(response.status).toBe(status);
	expect(response.headers.get("Content-Type")).toBe("application/problem+json");
	const body = (await response.json()) as Record<string, unknown>;
	expect(body).toMatchObject({
		type: "about:blank",
		status,
		title: expect.any(String),
		detail: expect.any(String),
	});
	return body;
}

describe("errors are RFC 9457 problems", () => {
	it("404 for an unknown route", async () => {
		const body = await expectProblem(await api("/passengers"), 404);
		// Said to a person as well as to a program: where to go instead.
		expect(body.detail).toBe(
			"there is nothing at /passengers; the people are at /people, every path is in /docs/",
		);
		await expectProblem(await api("/people/"), 404);
	});

	it.each([
		["DELETE", "/people", "GET, HEAD, POST, OPTIONS"],
		["POST", "/people/0d1a7a3e-5b8f-4a4e-9a43-1c2d3e4f5a6b", "GET, HEAD, PUT, PATCH, DELETE, OPTIONS"],
		["PUT", "/", "GET, HEAD, OPTIONS"],
	])("405 with Allow for %s %s", async (method, path, allow) => {
		const response = await api(path, { method });
		expect(response.headers.get("Allow")).toBe(allow);
		await expectProblem(response, 405);
	});

	it("answers OPTIONS with the allowed methods", async () => {
		const response = await api("/people", { method: "OPTIONS" });
		expect(response.status).toBe(204);
		expect(response.headers.get("Allow")).toBe("GET, HEAD, POST, OPTIONS");
	});

	it("answers HEAD like GET without a body", async () => {
		const response = await api("/people?limit=1", { method: "HEAD" });
		expect(response.status).toBe(200);
		expect(response.headers.get("X-Total-Count")).toMatch(/^\d+$/);
		expect(await response.text()).toBe("");
	});

	it("400 for a malformed uuid in the path, never a database error", async () => {
		for (const method of ["GET", "PUT", "PATCH", "DELETE"]) {
			const response = await api("/people/1234", {
				method,
				body: method === "GET" || method === "DELETE" ? undefined : "{}",
				headers: { "Content-Type": "application/json" },
			});
			const body = await expectProblem(response, 400);
			expect(body.errors).toEqual([{ path: "uuid", message: expect.any(String) }]);
		}
	});

	it("400 for malformed JSON", async () => {
		const body = await expectProblem(await sendJson("POST", "/people", '{"name": "Braund",'), 400);
		expect(body.detail).toMatch(/not valid JSON/);
	});

	it.each(["text/plain", "application/x-www-form-urlencoded", "application/xml"])(
		"415 for a %s body",
		async (type) => {
			const response = await api("/people", {
				method: "POST",
				body: JSON.stringify(samplePerson()),
				headers: { "Content-Type": type },
			});
			await expectProblem(response, 415);
		},
	);

	it("413 for a body over 64 KiB (POST /people: 512 KiB, for bulk creates), checked before it is parsed", async () => {
		const person = "/people/0d1a7a3e-5b8f-4a4e-9a43-1c2d3e4f5a6b";
		const over = (bytes: number) => JSON.stringify({ ...samplePerson(), name: "x".repeat(bytes) });
		const under = (bytes: number) => JSON.stringify({ ...samplePerson(), padding: "x".repeat(bytes - 400) });
		await expectProblem(await sendJson("PUT", person, over(MAX_BODY_BYTES)), 413);
		expect((await sendJson("PUT", person, under(MAX_BODY_BYTES))).status).toBe(400);
		await expectProblem(await sendJson("POST", "/people", over(MAX_BULK_BODY_BYTES)), 413);
		expect((await sendJson("POST", "/people", under(MAX_BULK_BODY_BYTES))).status).toBe(400);
	});

	it("500, never 503, when Neon refuses the connection settings: retrying cannot help", async () => {
		const noPassword = new URL(env.DATABASE_URL);
		noPassword.password = "";
		const response = await app.fetch(new Request(`${ORIGIN}/people?limit=1&no-password`, { headers: FROM }), {
			...env,
			DATABASE_URL: noPassword.toString(),
		});
		expect(response.headers.get("Retry-After")).toBeNull();
		const body = await expectProblem(response, 500);
		expect(body.detail).toMatch(/misconfigured/);
	});

	it.each([
		["the local endpoint is down", { NEON_HTTP_ENDPOINT: "http://127.0.0.1:1/sql" }],
		["the endpoint refuses the database", { DATABASE_URL: "postgres://postgres:local@localhost:1/none" }],
	])("503 with Retry-After and no internals when %s", async (_, broken) => {
		for (const request of [
			new Request(`${ORIGIN}/people`, { headers: FROM }),
			new Request(`${ORIGIN}/people`, {
				method: "POST",
				body: JSON.stringify(samplePerson()),
				headers: { ...FROM, "Content-Type": "application/json" },
			}),
		]) {
			const response = await app.fetch(request, { ...env, ...broken });
			expect(response.headers.get("Retry-After")).toMatch(/^\d+$/);
			const body = await expectProblem(response, 503);
			expect(JSON.stringify(body)).not.toMatch(/select|insert|passengers|127\.0\.0\.1|at \w+ \(/i);
		}
	});
});
