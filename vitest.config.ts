import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
	test: {
		coverage: {
			provider: "istanbul",
			include: ["src/**/*.{ts,tsx}"],
			exclude: ["src/tools/bin/**"],
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
							},
						},
					})),
				],
				test: {
					name: "worker",
					include: ["test/**/*.test.ts"],
					exclude: ["test/tools/**"],
					globalSetup: ["test/global-setup.ts", "test/seed-dataset.ts"],
					// The tests share one database and count its round trips: one file at a time.
					fileParallelism: false,
				},
			},
			{
				test: {
					name: "node",
					environment: "node",
					include: ["test/tools/**/*.test.ts"],
					globalSetup: ["test/global-setup.ts"],
					fileParallelism: false,
					testTimeout: 30_000,
				},
			},
		],
	},
});
