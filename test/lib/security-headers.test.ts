import { describe, expect, it } from "vitest";
import { api, withEnv } from "../support/api";

// The pages' policy as the header spells it (src/lib/site-nav.ts).
const PAGE_POLICY =
	"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const GONE = [
	"X-XSS-Protection",
	"X-Download-Options",
	"X-Permitted-Cross-Domain-Policies",
	"X-DNS-Prefetch-Control",
	"X-Frame-Options",
];
const DOCUMENT_ONLY = ["Cross-Origin-Opener-Policy", "Origin-Agent-Cluster", "Referrer-Policy"];

describe("security headers", () => {
	it("sets secure headers on every answer, the document-only ones on pages, none for clients that are gone", async () => {
		const page = { headers: { Accept: "text/html" } };
		// Each list twice: the second answer is the read cache's.
		const answers = [
			...["/people?limit=1", "/people?limit=1", "/nowhere", "/healthz"].map((path) => ({
				path,
				isPage: false,
			})),
			...["/people?limit=2", "/people?limit=2", "/nowhere"].map((path) => ({ path, isPage: true })),
		];
		for (const { path, isPage } of answers) {
			const { headers } = await api(path, isPage ? page : undefined);
			expect(headers.get("Content-Type")).toMatch(isPage ? /^text\/html/ : /json/);
			expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
			expect(headers.get("Strict-Transport-Security")).toMatch(/max-age=/);
			expect(headers.get("Cross-Origin-Resource-Policy")).toBe("same-origin");
			expect(headers.get("Content-Security-Policy")).toBe(
				isPage ? PAGE_POLICY : "default-src 'none'; frame-ancestors 'none'",
			);
			expect(DOCUMENT_ONLY.filter((name) => headers.has(name))).toEqual(isPage ? DOCUMENT_ONLY : []);
			expect(GONE.filter((name) => headers.has(name))).toEqual([]);
		}
	});

	it("sets them, and CORS, on the refusals that come before any route: 400, 406, 415 and the configuration's 500", async () => {
		const origin = { Origin: "https://app.example" };
		const refusals = [
			await api("/people?q=%zz", { headers: origin }),
			await api("/people", { headers: { ...origin, Accept: "application/xml" } }),
			await api("/people", {
				method: "POST",
				headers: { ...origin, "Content-Type": "application/json", "Content-Encoding": "gzip" },
				body: "{}",
			}),
			await withEnv({ APP_ENV: "nowhere" }, "/people?limit=1", { headers: origin }),
		];
		expect(refusals.map((response) => response.status)).toEqual([400, 406, 415, 500]);
		for (const { headers } of refusals) {
			expect(headers.get("Strict-Transport-Security")).toBe("max-age=15552000; includeSubDomains");
			expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
			expect(headers.get("Content-Security-Policy")).toBe("default-src 'none'; frame-ancestors 'none'");
			expect(headers.get("Access-Control-Allow-Origin")).toBe("*");
		}
	});
});
