import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { assertPortFree, freePort } from "../../../src/tools/lib/ports";

function listenOn(port: number) {
	const server = createServer();
	return new Promise<typeof server>((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

describe("ports for the servers the tools start", () => {
	it("picks a free port below the range the system gives connections, and a server can take it", async () => {
		const port = await freePort();
		expect(port).toBeGreaterThanOrEqual(20_000);
		expect(port).toBeLessThan(32_768);
		const server = await listenOn(port);
		server.close();
	});

	it("names a taken port in one line", async () => {
		const server = await listenOn(await freePort());
		const { port } = server.address() as { port: number };
		await expect(assertPortFree(port)).rejects.toThrow(`port ${port} on 127.0.0.1 is taken`);
		server.close();
	});
});
