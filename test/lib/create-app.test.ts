import { describe, expect, it } from "vitest";
import { withEnv } from "../support/api";

describe("CORS", () => {
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

	it("keeps CORS on a 304, as a browser's fetch revalidates (with Cache-Control: no-cache)", async () => {
		const allowed = { CORS_ORIGINS: "https://app.example" };
		const headers = { Origin: "https://app.example" };
		const first = await withEnv(allowed, "/people?limit=1", { headers });
		const etag = first.headers.get("ETag") ?? "";
		const again = await withEnv(allowed, "/people?limit=1", {
			headers: { ...headers, "If-None-Match": etag, "Cache-Control": "no-cache" },
		});
		expect(again.status).toBe(304);
		expect(again.headers.get("Access-Control-Allow-Origin")).toBe("https://app.example");
		expect(again.headers.get("Access-Control-Expose-Headers")).toMatch(/ETag/);
		expect(again.headers.get("Vary")).toMatch(/Origin/);
	});
});
