import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Person } from "../../src/db/person.schemas";
import { etagMatches } from "../../src/lib/http-caching";
import { api, sendJson, withEnv } from "../support/api";
import { samplePerson } from "../support/sample-person";

describe("HTTP caching", () => {
	it("compares If-None-Match weakly: any listed tag, with or without W/, or *", () => {
		const held = ['"p7"', 'W/"p7"', '"p1", "p7"', " * ", '"x",W/"p7"'];
		expect(held.map((header) => etagMatches(header, '"p7"'))).toEqual([true, true, true, true, true]);
		expect(etagMatches('"p7"', 'W/"p7"')).toBe(true);
		const other = ['"p70"', '"p"', "p7", "", '"P7"'];
		expect(other.map((header) => etagMatches(header, '"p7"'))).toEqual([false, false, false, false, false]);
	});

	it("tags reads with a strong ETag, answers If-None-Match with 304, and never serves a stale read", async () => {
		const created = (await (await sendJson("POST", "/people", samplePerson())).json()) as Person;
		const first = await api(`/people/${created.uuid}`);
		const tag = first.headers.get("ETag");
		expect(tag).toMatch(/^"[^"]+"$/);
		expect(first.headers.get("Cache-Control")).toBe(env.CACHE_CONTROL);
		const again = await api(`/people/${created.uuid}`, { headers: { "If-None-Match": tag ?? "" } });
		expect(again.status).toBe(304);
		expect(await again.text()).toBe("");
		const patched = await sendJson("PATCH", `/people/${created.uuid}`, { age: 61 });
		expect(patched.headers.get("Cache-Control")).toBe("no-store");
		const after = await api(`/people/${created.uuid}`, { headers: { "If-None-Match": tag ?? "" } });
		expect(after.status).toBe(200);
		expect(((await after.json()) as Person).age).toBe(61);
		expect(after.headers.get("ETag")).not.toBe(tag);
	});

	it("marks every refusal no-store: 401, 413, 429 and a misconfigured server's 500", async () => {
		const token = { API_TOKEN: "t0ken" };
		const refusals = [
			await withEnv(token, "/people", {
				method: "POST",
				body: "{}",
				headers: { "Content-Type": "application/json" },
			}),
			await withEnv({}, "/people/0d1a7a3e-5b8f-4a4e-9a43-1c2d3e4f5a6b", {
				method: "PUT",
				body: "x".repeat(70_000),
				headers: { "Content-Type": "application/json" },
			}),
			await withEnv({ APP_ENV: "nowhere" }, "/people?limit=1"),
		];
		expect(refusals.map((r) => r.status)).toEqual([401, 413, 500]);
		const address = { "CF-Connecting-IP": "203.0.113.9" };
		let limited = await api("/healthz/nope", { headers: address });
		for (let i = 0; i < 100 && limited.status !== 429; i++)
			limited = await api("/healthz/nope", { headers: address });
		for (const response of [...refusals, limited])
			expect(response.headers.get("Cache-Control")).toBe("no-store");
	});
});
