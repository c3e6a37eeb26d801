import { env } from "cloudflare:workers";
import { Client, neonConfig } from "@neondatabase/serverless";
import { describe, expect, it } from "vitest";
import type { Person } from "../../../src/db/person.schemas";
import { pointDriverAtLocalEndpoint, webSocketHostOf } from "../../../src/tools/neon-endpoint/point-driver";
import { api, roundTrips, sendJson } from "../../support/api";
import { samplePerson } from "../../support/sample-person";

async function person() {
	const response = await sendJson("POST", "/people", samplePerson({ age: 30 }));
	return { person: (await response.json()) as Person, etag: response.headers.get("ETag") ?? "" };
}

describe("conditional writes (If-Match)", () => {
	it("writes when If-Match names the current ETag, and answers the new one", async () => {
		const { person: p, etag } = await person();
		expect((await api(`/people/${p.uuid}`)).headers.get("ETag")).toBe(etag);
		const patched = await sendJson("PATCH", `/people/${p.uuid}`, { age: 31 }, { "If-Match": etag });
		expect(patched.status).toBe(200);
		const next = patched.headers.get("ETag");
		expect(next).toMatch(/^"p\d+"$/);
		expect(next).not.toBe(etag);
		const put = await sendJson("PUT", `/people/${p.uuid}`, samplePerson({ age: 32 }), {
			"If-Match": `"x", ${next}`,
		});
		expect(put.status).toBe(200);
		const deleted = await api(`/people/${p.uuid}`, { method: "DELETE", headers: { "If-Match": "*" } });
		expect(deleted.status).toBe(204);
	});

	it.each([
		["PATCH", { age: 99 }],
		["PUT", samplePerson({ age: 99 })],
		["DELETE", undefined],
	])("%s with a stale If-Match is a 412 that changes nothing, in one round trip", async (method, body) => {
		const { person: p, etag } = await person();
		await sendJson("PATCH", `/people/${p.uuid}`, { age: 33 });
		const before = await roundTrips();
		const stale = await api(`/people/${p.uuid}`, {
			method,
			headers: { "Content-Type": "application/json", "If-Match": etag },
			body: body && JSON.stringify(body),
		});
		expect((await roundTrips()) - before).toBe(1);
		expect(stale.status).toBe(412);
		expect(stale.headers.get("Content-Type")).toBe("application/problem+json");
		expect(((await (await api(`/people/${p.uuid}`)).json()) as Person).age).toBe(33);
	});

	it("tells a missing person (404) from a changed one (412), and weak or foreign tags never match", async () => {
		const absent = crypto.randomUUID();
		expect((await sendJson("PATCH", `/people/${absent}`, { age: 1 }, { "If-Match": '"p1"' })).status).toBe(
			404,
		);
		const { person: p, etag } = await person();
		for (const tag of [`W/${etag}`, '"something-else"', "p1"]) {
			expect((await sendJson("PATCH", `/people/${p.uuid}`, { age: 1 }, { "If-Match": tag })).status).toBe(
				412,
			);
		}
	});

	it("of two concurrent writes with the same If-Match, exactly one wins", async () => {
		const { person: p, etag } = await person();
		const statuses = await Promise.all(
			[40, 41].map(
				async (age) => (await sendJson("PATCH", `/people/${p.uuid}`, { age }, { "If-Match": etag })).status,
			),
		);
		expect(statuses.sort()).toEqual([200, 412]);
	});

	it("answers 404, not 412, to an unconditional write that a concurrent delete beat", async () => {
		pointDriverAtLocalEndpoint(neonConfig, webSocketHostOf(env.NEON_HTTP_ENDPOINT));
		for (const write of [
			(uuid: string) => sendJson("PATCH", `/people/${uuid}`, { age: 31 }),
			(uuid: string) => sendJson("PUT", `/people/${uuid}`, samplePerson({ age: 31 })),
			(uuid: string) => api(`/people/${uuid}`, { method: "DELETE" }),
		]) {
			const { person: p } = await person();
			const deleter = new Client(env.DATABASE_URL);
			deleter.on("error", () => {});
			await deleter.connect();
			await deleter.query("BEGIN");
			await deleter.query("DELETE FROM passengers WHERE uuid = $1", [p.uuid]);
			// On PostgreSQL the write waits for the delete's row lock, having seen the person in
			// its snapshot. (PGlite has one session for all: there the write comes after.)
			const waiting = write(p.uuid);
			await new Promise((resolve) => setTimeout(resolve, 300));
			await deleter.query("COMMIT");
			expect((await waiting).status).toBe(404);
			await deleter.end();
		}
	});
});
