import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../src/tools/migrate";
import { startNeonEndpoint } from "../src/tools/neon-endpoint/server";
import { createScratchDatabase } from "../src/tools/scratch-database";

/**
 * How long the sleepy endpoint's compute takes to wake: longer than Neon's few hundred
 * milliseconds, to show the worker's deadlines against it: past the 1 s read deadline of a
 * read with a stored answer, within /readyz's 2 s and the 5 s query timeout.
 */
export const SLEEPY_WAKE_MS = 1_500;

/**
 * In front of the endpoint: each query reaches the database and runs, but its answer never
 * comes back (the client gives up first), as when a network drops an answer from Neon.
 */
async function answerLosingEndpoint(endpointUrl: string) {
	const held = new Set<ServerResponse>();
	const server = createServer(async (req, res) => {
		held.add(res);
		res.on("close", () => held.delete(res));
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk);
		const headers = Object.fromEntries(
			Object.entries(req.headers).filter(([name]) => name.startsWith("neon-") || name === "content-type"),
		) as Record<string, string>;
		await fetch(endpointUrl, { method: "POST", headers, body: Buffer.concat(chunks) });
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/sql`,
		close: () => {
			for (const res of held) res.destroy();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/**
 * Runs in Node before a project's tests: a fresh migrated database and a local Neon
 * endpoint in front of it (and a sleepy one), whose addresses the tests (in workerd or
 * Node) inject.
 */
export default async function setup(project: TestProject) {
	const database = await createScratchDatabase(process.env.TEST_DATABASE_URL, "titanic_test");
	await migrateDatabase(database.url);
	// The two endpoints share what the database allows (PGlite resets connections past it).
	const sleepyConnections = 2;
	const endpoint = await startNeonEndpoint({
		databaseUrl: database.url,
		maxConnections: database.maxConnections - sleepyConnections,
	});
	const sleepy = await startNeonEndpoint({
		databaseUrl: database.url,
		maxConnections: sleepyConnections,
		coldStart: { suspendAfterMs: 0, wakeMs: SLEEPY_WAKE_MS },
	});
	project.provide("databaseUrl", database.url);
	project.provide("neonHttpEndpoint", endpoint.httpUrl);
	project.provide("neonWebSocketHost", endpoint.webSocketHost);
	project.provide("sleepyNeonHttpEndpoint", sleepy.httpUrl);
	const lost = await answerLosingEndpoint(endpoint.httpUrl);
	project.provide("answerLosingNeonHttpEndpoint", lost.url);
	project.provide("embeddedDatabase", !process.env.TEST_DATABASE_URL);
	return async () => {
		await lost.close();
		await sleepy.close();
		await endpoint.close();
		await database.drop();
	};
}
