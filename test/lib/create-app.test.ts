import { describe, expect, it } from "vitest";
import { api, withEnv } from "../support/api";

describe("security headers and CORS", () => {
	it("sets secure headers on every response, and none for clients that are gone", async () => {
		// The list twice: the second answer is the read cache's.
		for (const path of ["/people?limit=1", "/people?limit=1", "/nowhere", "/healthz"]) {
			const { headers } = await api(path);
			expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
			expect(headers.get("Strict-Transport-Security")).toMatch(/max-age=/);
			expect(headers.get("Referrer-Policy")).toBe("no-referrer");
			expect(headers.get("Content-Security-Policy")).toMatch(/frame-ancestors 'none'/);
			expect(headers.get("X-Frame-Options")).toBe("SAMEORIGIN");
			expect(headers.get("Cross-Origin-Resource-Policy")).toBe("same-origin");
			const gone = [
				"X-XSS-Protection",
				"X-Download-Options",
				"X-Permitted-Cross-Domain-Policies",
				"X-DNS-Prefetch-Control",
			];
			expect(gone.filter((name) => headers.has(name))).toEqual([]);
		}
	});

	it("answers cross-origin requests and preflights from the configured origins only", async () => {
		const allowed = { CORS_ORIGINS: "https://app.example, https://admin.example" };
		const simple = await withEnv(allowed, "/people?limit=1", { headers: { Origin: "https://app.example" } });
		expect(simple.headers.get("Access-Control-Allow-Origin")).toBe("https://app.example");
		expect(simple.headers.get("Access-Control-Expose-Headers")).toMatch(/X-Total-Count/);
		const preflight = await withEnv(allowed, "/people", {
			method: "OPTIONS",
			headers: { Origin: "https://admin.example", "Access-Control-Request-Method": "POST" },
		});
		expect(preflight.status).toBe(204);
		expect(preflight.headers.get("Access-Control-Allow-Methods")).toMatch(/POST/);
		const stranger = await withEnv(allowed, "/people?limit=1", {
			headers: { Origin: "https://evil.example" },
		});
		expect(stranger.headers.get("Access-Control-Allow-Origin")).toBeNull();
	});
});
