import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { badRequest } from "../../../src/tools/load-test/bad-requests";

describe("the bad requests test:load sends", () => {
	it("are well-formed HTTP whatever their content: bodies only where a method takes one", () => {
		fc.assert(
			fc.property(badRequest, (request) => {
				expect(request.path.startsWith("/")).toBe(true);
				expect(Object.values(request.headers).every((value) => /^[\x20-\x7e]*$/.test(value))).toBe(true);
				if (request.method === "GET" || request.method === "HEAD") expect(request.body).toBeUndefined();
			}),
			{ numRuns: 300 },
		);
	});

	it("cover the kinds of bad input the issue lists", () => {
		const bodies = fc.sample(badRequest, { numRuns: 2_000, seed: 42 }).map((request) => request.body);
		expect(bodies.some((body) => body instanceof Uint8Array && body[0] === 0xff)).toBe(true);
		expect(bodies.some((body) => typeof body === "string" && body.length > 64 * 1024)).toBe(true);
		expect(bodies.some((body) => typeof body === "string" && body.startsWith("[[[["))).toBe(true);
	});

	it("also send hostile headers and broken percent-encoding", () => {
		const requests = fc.sample(badRequest, { numRuns: 2_000, seed: 42 });
		for (const name of ["Host", "Origin", "Content-Encoding", "Authorization"]) {
			expect(requests.some((request) => name in request.headers)).toBe(true);
		}
		expect(requests.some((request) => request.headers.Accept === "application/xml")).toBe(true);
		expect(requests.some((request) => /[?&]\w+=(%zz|%|100%)$/.test(request.path))).toBe(true);
	});
});
