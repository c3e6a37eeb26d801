import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// wrangler.toml declares DATABASE_URL a required secret; the tests bind the real one
// below, once their database exists. A placeholder here keeps wrangler from warning,
// once per test file, that the secret is missing.
process.env.DATABASE_URL ??= "postgres://bound-by-the-test-setup@localhost/none";
// Wrangler's own notes (which secrets it read from where) add nothing to a test report.
process.env.WRANGLER_LOG ??= "warn";

/**
 * The Node tests that run the commands as processes (npm run dev, db:load, local stacks):
 * a project of their own, so that npm test (src/tools/bin/test.ts) runs them beside the rest.
 */
const COMMANDS = [
	"test/tools/bin/**/*.test.ts",
	"test/tools/local-stack.test.ts",
	"test/tools/csv-round-trip.test.ts",
];

export default defineConfig({
	test: {
		coverage: {
			provider: "istanbul",
			include: ["src/**/*.{ts,tsx}"],
			// Entry points run as processes, and the benchmarks' support only under them; the
			// bundle trims exist only in the deployed bundle.
			exclude: ["src/tools/bin/**", "src/tools/bench/**", "src/bundle-trims/**"],
			reporter: ["text-summary", "text"],
		},
		projects: [
			{
				plugins: [
					cloudflareTest(({ inject }) => ({
						wrangler: { configPath: "./wrangler.toml" },
						miniflare: {
							bindings: {
								DATABASE_URL: inject("databaseUrl"),
								NEON_HTTP_ENDPOINT: inject("neonHttpEndpoint"),
								// As npm run dev without API_TOKEN: the tests write without a token.
								OPEN_WRITES: "true",
								// One line per request would bury the test report; tests of the log set their own level.
								LOG_LEVEL: "warn",
							},
							// Small budgets, so a test can exhaust one; every other request comes
							// from an address of its own (test/support/api.ts).
							ratelimits: {
								READ_LIMITER: { namespace_id: "1001", simple: { limit: 30, period: 60 } },
								WRITE_LIMITER: { namespace_id: "1002", simple: { limit: 10, period: 60 } },
							},
						},
					})),
				],
				test: {
					name: "worker",
					include: ["test/**/*.test.ts"],
					exclude: ["test/tools/**"],
					globalSetup: ["test/global-setup.ts", "test/seed-dataset.ts"],
					setupFiles: ["test/worker-setup.ts"],
					// The tests share one database and count its round trips: one file at a time.
					fileParallelism: false,
					isolate: false,
					// Beside the Node projects' stacks (npm test runs them at once), a walk of 30
					// pages through PGlite took over vitest's default 5 s on a slow day.
					testTimeout: 20_000,
				},
			},
			{
				test: {
					name: "node",
					environment: "node",
					include: ["test/tools/**/*.test.ts"],
					exclude: COMMANDS,
					globalSetup: ["test/global-setup.ts"],
					// The files share a database: one at a time, in one process that keeps its imports.
					fileParallelism: false,
					isolate: false,
					testTimeout: 30_000,
				},
			},
			{
				test: {
					name: "commands",
					environment: "node",
					include: COMMANDS,
					globalSetup: ["test/global-setup.ts"],
					fileParallelism: false,
					isolate: false,
					testTimeout: 30_000,
				},
			},
		],
	},
});
