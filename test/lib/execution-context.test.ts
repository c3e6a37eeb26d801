import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { afterTheAnswer } from "../../src/lib/execution-context";

function appThatLogs(order: string[]) {
	return new Hono().get("/", (c) => {
		afterTheAnswer(c, () => order.push("after"));
		order.push("answer");
		return c.text("ok");
	});
}

describe("afterTheAnswer", () => {
	it("runs the work once the answer has left the handler, kept alive by waitUntil", async () => {
		const order: string[] = [];
		const context = createExecutionContext();
		const response = await appThatLogs(order).fetch(new Request("http://x/"), {}, context);
		await Promise.resolve();
		expect(order).toEqual(["answer"]);
		expect(await response.text()).toBe("ok");
		await waitOnExecutionContext(context);
		expect(order).toEqual(["answer", "after"]);
	});

	it("runs it at once where there is no execution context", async () => {
		const order: string[] = [];
		await appThatLogs(order).request("/");
		expect(order).toEqual(["after", "answer"]);
	});
});
