import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "../../../src/tools/load-test/tcp-proxy";

const target = new URL(inject("databaseUrl"));
let proxy: TcpProxy;

beforeAll(async () => {
	proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
});
afterAll(() => proxy.close());

async function connectThroughProxy() {
	const url = new URL(target);
	url.port = String(proxy.port);
	const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 2_000 });
	client.on("error", () => {});
	await client.connect();
	return client;
}

describe("the fault proxy of test:load", () => {
	it("relays Postgres, cuts open connections and refuses new ones, then lets them through again", async () => {
		const client = await connectThroughProxy();
		expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
		proxy.cut();
		await expect(client.query("SELECT 1")).rejects.toThrow();
		await expect(connectThroughProxy()).rejects.toThrow();
		proxy.restore();
		const again = await connectThroughProxy();
		expect((await again.query("SELECT 2 AS two")).rows).toEqual([{ two: 2 }]);
		await again.end();
	});
});
