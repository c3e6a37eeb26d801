import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("GET /people", () => {
	it("lists the passengers in CSV order", async () => {
		const response = await exports.default.fetch("http://api.test/people");
		expect(response.status).toBe(200);
		const people = (await response.json()) as { name: string }[];
		expect(people[0]?.name).toBe("Mr. Owen Harris Braund");
	});
});
