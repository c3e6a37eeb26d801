import { env } from "cloudflare:workers";
import { Client, neonConfig } from "@neondatabase/serverless";
import { describe, expect, it } from "vitest";
import { pointDriverAtLocalEndpoint, webSocketHostOf } from "../../src/tools/neon-endpoint/point-driver";
import { commitOneRollBackOne } from "../support/sample-person";

describe("the Neon driver's WebSocket client, inside workerd", () => {
	it("commits and rolls back interactive transactions through the local endpoint", async () => {
		pointDriverAtLocalEndpoint(neonConfig, webSocketHostOf(env.NEON_HTTP_ENDPOINT));
		const client = new Client(env.DATABASE_URL);
		const errors: unknown[] = [];
		client.on("error", (error) => errors.push(error));
		await client.connect();
		const { kept, found } = await commitOneRollBackOne(client);
		expect(found).toEqual([kept]);
		expect(errors).toEqual([]);
		// workerd reports the tunnel's closing of the socket after Terminate as a lost
		// connection; by then the session is over, so it is only collected.
		await client.end();
	});
});
