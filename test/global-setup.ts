import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../src/tools/migrate";
import { startNeonEndpoint } from "../src/tools/neon-endpoint/server";
import { createScratchDatabase } from "../src/tools/scratch-database";

declare module "vitest" {
	export interface ProvidedContext {
		databaseUrl: string;
		neonHttpEndpoint: string;
		neonWebSocketHost: string;
	}
}

/**
 * Runs in Node before a project's tests: a fresh migrated database and a local Neon
 * endpoint in front of it, whose addresses the tests (in workerd or Node) inject.
 */
export default async function setup(project: TestProject) {
	const database = await createScratchDatabase(process.env.TEST_DATABASE_URL, "titanic_test");
	await migrateDatabase(database.url);
	const endpoint = await startNeonEndpoint({
		databaseUrl: database.url,
		maxConnections: database.maxConnections,
	});
	project.provide("databaseUrl", database.url);
	project.provide("neonHttpEndpoint", endpoint.httpUrl);
	project.provide("neonWebSocketHost", endpoint.webSocketHost);
	return async () => {
		await endpoint.close();
		await database.drop();
	};
}
