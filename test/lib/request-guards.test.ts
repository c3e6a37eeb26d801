import { describe, expect, it } from "vitest";
import { api, sendJson } from "../support/api";

describe("request guards", () => {
	it("refuses a query with broken percent-encoding with a 400, and reads a well-formed one", async () => {
		for (const query of ["q=%zz", "q=100%", "sex=%E0%A4%A"]) {
			const response = await api(`/people?${query}`);
			expect(response.status).toBe(400);
			expect(response.headers.get("Content-Type")).toBe("application/problem+json");
			expect(((await response.json()) as { detail: string }).detail).toMatch(/percent-encoding/);
		}
		expect((await api("/people?q=%42raund&limit=1")).status).toBe(200);
	});

	it("refuses an encoded body with a 415 before reading it", async () => {
		const response = await sendJson("POST", "/people", "\x1f\x8b\x08\x00", { "Content-Encoding": "gzip" });
		expect(response.status).toBe(415);
		expect(((await response.json()) as { detail: string }).detail).toMatch(/Content-Encoding: gzip/);
		const plain = await sendJson(
			"PATCH",
			"/people/00000000-0000-4000-8000-000000000000",
			{ age: 1 },
			{
				"Content-Encoding": "identity",
			},
		);
		expect(plain.status).toBe(404);
	});

	it("answers 406 to an Accept that allows nothing the API writes, and serves every other", async () => {
		for (const accept of ["application/xml", "image/png, application/pdf", "application/json;q=0"]) {
			const response = await api("/people?limit=1", { headers: { Accept: accept } });
			expect(response.status).toBe(406);
			expect(response.headers.get("Content-Type")).toBe("application/problem+json");
		}
		for (const accept of [
			"",
			"*/*",
			"application/*",
			"text/*;q=0.5",
			"application/problem+json",
			"text/html",
		]) {
			expect((await api("/people?limit=1", { headers: { Accept: accept } })).status).toBe(200);
		}
		expect((await api("/healthz", { headers: { Accept: "text/plain" } })).status).toBe(200);
	});

	it("answers 406 to a CSV-only Accept where only the list is CSV, and says where CSV is", async () => {
		for (const path of ["/people/stats", "/people/00000000-0000-4000-8000-000000000000", "/"]) {
			const response = await api(path, { headers: { Accept: "text/csv" } });
			expect(response.status).toBe(406);
			expect(((await response.json()) as { detail: string }).detail).toBe(
				"this resource answers in application/json or text/html (CSV is the list's: /people); the Accept header allows none of them",
			);
		}
		const list = await api("/people?limit=1", { headers: { Accept: "text/csv" } });
		expect(list.headers.get("Content-Type")).toMatch(/^text\/csv/);
		const xml = await api("/people?limit=1", { headers: { Accept: "application/xml" } });
		expect(((await xml.json()) as { detail: string }).detail).toMatch(
			/answers in application\/json, text\/html or text\/csv;/,
		);
	});
});
