import { afterEach, describe, expect, it, vi } from "vitest";
import { withEnv } from "../support/api";

afterEach(() => vi.restoreAllMocks());

describe("the configuration check", () => {
	it.each([
		[{ APP_ENV: "prod" }, "APP_ENV"],
		[{ LOG_LEVEL: "verbose" }, "LOG_LEVEL"],
		[{ APP_ENV: "production", OPEN_WRITES: "true" }, "OPEN_WRITES"],
		[{ OPEN_WRITES: "yes" }, "OPEN_WRITES"],
		[{ CACHE_TTL_SECONDS: "0" }, "CACHE_TTL_SECONDS"],
		[{ CACHE_STALE_SECONDS: "-1" }, "CACHE_STALE_SECONDS"],
		[{ CACHE_STALE_IF_ERROR_SECONDS: "1.5" }, "CACHE_STALE_IF_ERROR_SECONDS"],
	])("refuses to serve with %j, and the log names %s", async (overrides, setting) => {
		const lines: string[] = [];
		vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
		const response = await withEnv(overrides, "/people?limit=1");
		expect(response.status).toBe(500);
		expect(response.headers.get("Content-Type")).toBe("application/problem+json");
		expect(((await response.json()) as { detail: string }).detail).toMatch(/misconfigured/);
		expect(lines.join("\n")).toContain(setting);
	});

	it("serves with the settings wrangler.toml gives each environment", async () => {
		for (const APP_ENV of ["local", "preview", "staging", "production"]) {
			for (const LOG_LEVEL of ["debug", "info", "warn", "error"]) {
				const OPEN_WRITES = APP_ENV === "local" ? "true" : undefined;
				expect((await withEnv({ APP_ENV, LOG_LEVEL, OPEN_WRITES }, "/healthz")).status).toBe(200);
			}
		}
	});
});
