import { describe, expect, it } from "vitest";
import { linkHeader, listUrl } from "../../src/lib/pagination";

describe("listUrl", () => {
	it("keeps the path and exactly the given parameters, dropping undefined ones and the request's others", () => {
		const url = listUrl("http://api.test/people?utm=x&limit=3", { limit: "5", sort: undefined, q: "a b&c" });
		expect(url).toBe("/people?limit=5&q=a+b%26c");
	});

	it("is relative: the request's Host never reaches a link", () => {
		expect(listUrl("http://evil.example:8080/people?x=1", {})).toBe("/people");
	});
});

describe("linkHeader", () => {
	it("writes RFC 8288 links in the order given", () => {
		expect(linkHeader({ first: "http://a/1", next: "http://a/2" })).toBe(
			'<http://a/1>; rel="first", <http://a/2>; rel="next"',
		);
		expect(linkHeader({})).toBe("");
	});
});
