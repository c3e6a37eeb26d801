import { describe, expect, it } from "vitest";
import { passwordMatches, refusal } from "../../../src/tools/neon-endpoint/credentials";

describe("who Neon lets connect", () => {
	it.each([
		[undefined, undefined, "invalid header: neon-connection-string"],
		["not a url", undefined, "invalid connection string: relative URL without a base"],
		["mysql://u:p@db.example/x", undefined, "incorrect scheme"],
		["postgres://:p@db.example/x", undefined, "missing username"],
		["postgres://u@db.example/x", undefined, "missing authentication credentials: required password"],
		["postgres://u:p@db.example/x", "Bearer eyJ…", "missing authentication credentials: required password"],
		["postgres://u:p@127.0.0.1:5432/x", undefined, "missing hostname"],
		["postgresql://u:p@[::1]:5432/x", undefined, "missing hostname"],
		["postgres://u:p@ep-cool-darkness-123.eu-central-1.aws.neon.tech/x", undefined, undefined],
		["postgresql://u:p@localhost:5432/x", undefined, undefined],
	])("%s (Authorization %s): %s", (url, authorization, expected) => {
		expect(refusal(url, authorization)).toBe(expected);
	});

	it("checks the password against the endpoint's own URL, when that has one", () => {
		expect(passwordMatches("postgres://u:secret@localhost/x", "secret")).toBe(true);
		expect(passwordMatches("postgres://u:secret@localhost/x", "guess")).toBe(false);
		expect(passwordMatches("postgres://u:s%40cret@localhost/x", "s@cret")).toBe(true);
		expect(passwordMatches("postgres://u@localhost/x", "anything")).toBe(true);
	});
});
