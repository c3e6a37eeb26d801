import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { withNeonClient } from "../src/tools/lib/neon-driver";
import { loadPassengers } from "../src/tools/load/load-passengers";

export const DATASET = "data/titanic.csv";

/** Loads the real passenger list into the run's database, as `npm run dev` does on first start. */
export default async function seed(project: TestProject) {
	if (!existsSync(DATASET)) {
		throw new Error(`${DATASET} is missing: copy the passenger CSV there first (see README, Quick start)`);
	}
	await withNeonClient(project.getProvidedContext().databaseUrl, (client) => loadPassengers(client, DATASET));
}
