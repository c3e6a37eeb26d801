import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("the API reference (docs/api.md)", () => {
	it("shows the typed-client example as docs/typed-client.ts is, which the tests type-check and run", () => {
		const example = readFileSync("docs/typed-client.ts", "utf8");
		expect(readFileSync("docs/api.md", "utf8")).toContain(`\`\`\`ts\n${example}\`\`\``);
	});
});
