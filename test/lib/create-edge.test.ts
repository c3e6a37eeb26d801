import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createEdge, type LoadApi } from "../../src/lib/create-edge";
import { isAliveCheck } from "../../src/routes/health/health.alive";
import { isPlainPersonRead, personRecords } from "../../src/routes/people/people.records";
import { api, insertedElsewhere, ORIGIN, randomAddress } from "../support/api";

/** The worker's edge (as src/index.ts builds it, or with no parts), its loads counted: which app answered each request. */
function edge(options: { withParts: boolean }) {
	const loads = { api: 0, person: 0, alive: 0 };
	const counted =
		(app: keyof typeof loads, load: LoadApi): LoadApi =>
		() => {
			loads[app]++;
			return load();
		};
	const parts = [
		{ takes: isPlainPersonRead, load: counted("person", () => import("../../src/person-read")) },
		{ takes: isAliveCheck, load: counted("alive", () => import("../../src/alive")) },
	];
	const app = createEdge({
		records: personRecords,
		api: counted("api", () => import("../../src/api")),
		parts: options.withParts ? parts : [],
	});
	const fetch = async (path: string, init: RequestInit = {}) => {
		const request = new Request(`${ORIGIN}${path}`, init);
		if (!request.headers.has("CF-Connecting-IP")) request.headers.set("CF-Connecting-IP", randomAddress());
		const context = createExecutionContext();
		const response = await app.fetch(request, env, context);
		await waitOnExecutionContext(context);
		return response;
	};
	return { loads, fetch };
}

// Past the read cache, to the database, each time.
const uncached = { "Cache-Control": "no-cache" };

/** What a client sees of an answer, less what differs per request. */
async function seen(response: Response) {
	const headers = Object.fromEntries(
		[...response.headers].filter(([name]) => !["x-request-id", "server-timing", "bookmark"].includes(name)),
	);
	return {
		status: response.status,
		headers,
		body: await response.text(),
		bookmark: response.headers.has("Bookmark"),
	};
}

describe("the edge's parts", () => {
	it("sends a plain read of one person's JSON and a liveness check each to its part, and every other request to the API", async () => {
		const { uuid } = await insertedElsewhere();
		const { loads, fetch } = edge({ withParts: true });
		const went = async (path: string, init?: RequestInit) => {
			const before = { ...loads };
			const response = await fetch(path, init);
			expect(response.status).toBeLessThan(500);
			const loaded = (Object.keys(loads) as (keyof typeof loads)[]).filter((app) => loads[app] > before[app]);
			return loaded.join(", ") || "cache";
		};
		expect(await went(`/people/${uuid}`, { headers: uncached })).toBe("person");
		expect(await went(`/people/${uuid.toUpperCase()}`, { method: "HEAD", headers: uncached })).toBe("person");
		expect(await went(`/people/${uuid}`, { headers: { ...uncached, Accept: "application/json" } })).toBe(
			"person",
		);
		expect(await went(`/people/${uuid}?select=name`, { headers: uncached })).toBe("api");
		expect(await went(`/people/${uuid}`, { headers: { ...uncached, Accept: "text/html" } })).toBe("api");
		expect(await went(`/people/${uuid}/`, { headers: uncached })).toBe("api");
		expect(await went("/people?limit=1", { headers: uncached })).toBe("api");
		expect(await went(`/people/${uuid}`, { method: "DELETE", headers: { "If-Match": '"p0"' } })).toBe("api");
		// A uuid the route refuses (version 0) is the API's 400.
		expect(await went("/people/0d1a7a3e-5b8f-0a4e-9a43-1c2d3e4f5a6b")).toBe("api");
		expect(await went("/healthz")).toBe("alive");
		expect(await went("/healthz?probe=1", { method: "HEAD", headers: { Accept: "text/html" } })).toBe(
			"alive",
		);
		expect(await went("/healthz/")).toBe("api");
		expect(await went("/healthz", { method: "OPTIONS" })).toBe("api");
		expect(await went("/readyz")).toBe("api");
	});

	it("answers as the API does: a person, a person that is not there, a liveness check", async () => {
		const { uuid } = await insertedElsewhere();
		const [withParts, apiOnly] = [edge({ withParts: true }), edge({ withParts: false })];
		for (const path of [`/people/${uuid}`, `/people/${crypto.randomUUID()}`]) {
			const fromPart = await seen(await withParts.fetch(path, { headers: uncached }));
			const fromApi = await seen(await apiOnly.fetch(path, { headers: uncached }));
			expect(fromPart).toEqual(fromApi);
			expect(fromPart.bookmark).toBe(true);
		}
		for (const init of [{}, { method: "HEAD", headers: { Accept: "text/html" } }]) {
			const fromPart = await seen(await withParts.fetch("/healthz", init));
			expect(fromPart).toEqual(await seen(await apiOnly.fetch("/healthz", init)));
			expect(fromPart.status).toBe(200);
		}
		expect(withParts.loads).toEqual({ api: 0, person: 2, alive: 2 });
		expect(apiOnly.loads).toEqual({ api: 4, person: 0, alive: 0 });
	});

	it("holds a plain read to the address's read budget, as the API does", async () => {
		const { uuid } = await insertedElsewhere();
		const from = { "CF-Connecting-IP": randomAddress() };
		const statuses: number[] = [];
		while (statuses.at(-1) !== 429 && statuses.length < 100) {
			statuses.push((await api("/healthz/nope", { headers: from })).status);
		}
		const { loads, fetch } = edge({ withParts: true });
		const limited = await fetch(`/people/${uuid}`, { headers: { ...from, ...uncached } });
		expect(limited.status).toBe(429);
		expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
		expect(loads).toEqual({ api: 0, person: 1, alive: 0 });
	});
});
