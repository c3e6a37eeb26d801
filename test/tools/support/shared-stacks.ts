import { test as base } from "vitest";
import { freePort } from "../../../src/tools/lib/ports";
import { type LocalStack, startLocalStack } from "../../../src/tools/local-stack";

/** The bearer token the guarded stack's writes need. */
export const STACK_TOKEN = "shared-stack-token";

const startShared = async (onCleanup: (stop: () => Promise<void>) => void, apiToken?: string) => {
	const stack = await startLocalStack({ port: await freePort(), apiToken, seedCsv: "data/titanic.csv" });
	onCleanup(() => stack.stop());
	return stack;
};

/**
 * Two local stacks of `npm run dev` with the passengers loaded, for the tests that only read
 * them or are refused (the smoke check, deploy:gradual): one whose writes need
 * `STACK_TOKEN`, one whose writes are open. Each starts when a file first asks for it and
 * stops when the vitest worker ends; the Node projects run all their files in one worker
 * (isolate: false), so the files share them. A stack costs about 14 s of CPU to start.
 */
export const test = base
	.extend(
		"guardedStack",
		{ scope: "worker" },
		// biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's needs from this pattern
		async ({}, { onCleanup }): Promise<LocalStack> => startShared(onCleanup, STACK_TOKEN),
	)
	.extend(
		"openStack",
		{ scope: "worker" },
		// biome-ignore lint/correctness/noEmptyPattern: as above
		async ({}, { onCleanup }): Promise<LocalStack> => startShared(onCleanup),
	);
