import { describe, expect, it } from "vitest";
import type { Person } from "../../../src/db/person.schemas";
import { api, sendJson, sql } from "../../support/api";
import { samplePerson } from "../../support/sample-person";

async function create(body: unknown) {
	const response = await sendJson("POST", "/people", body);
	return {
		response,
		body: (await response.json()) as Person & { errors?: { path: string; message: string }[] },
	};
}

const errorPaths = (body: unknown) =>
	(body as { errors?: { path: string }[] }).errors?.map((e) => e.path).sort();

describe("POST /people", () => {
	it("creates a person: 201, Location, the stored row, survived false by default", async () => {
		const { survived: _, ...input } = samplePerson({ age: 0.83 });
		const { response, body } = await create(input);
		expect(response.status).toBe(201);
		expect(response.headers.get("Location")).toBe(`/people/${body.uuid}`);
		expect(body).toEqual({ ...input, survived: false, uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
		const [row] = await sql("SELECT name, age, survived FROM passengers WHERE uuid = $1", [body.uuid]);
		expect(row).toEqual({ name: input.name, age: 0.83, survived: false });
		expect(await (await api(`/people/${body.uuid}`)).json()).toEqual(body);
	});

	it("keeps a client-chosen uuid, and a retry with it is a 409 that makes no duplicate", async () => {
		const person = samplePerson({ uuid: crypto.randomUUID(), survived: true });
		const first = await create(person);
		expect(first.response.status).toBe(201);
		expect(first.body.uuid).toBe(person.uuid);
		const retry = await create(person);
		expect(retry.response.status).toBe(409);
		expect(retry.response.headers.get("Content-Type")).toBe("application/problem+json");
		expect(retry.body).toMatchObject({ status: 409, title: "Conflict" });
		const rows = await sql("SELECT 1 FROM passengers WHERE uuid = $1", [person.uuid]);
		expect(rows).toHaveLength(1);
	});

	it("names every missing required field", async () => {
		const { response, body } = await create({});
		expect(response.status).toBe(400);
		expect(errorPaths(body)).toEqual(
			[
				"age",
				"fare",
				"name",
				"parentsOrChildrenAboard",
				"passengerClass",
				"sex",
				"siblingsOrSpousesAboard",
			].sort(),
		);
		expect(body.errors?.every((e) => e.message === "required")).toBe(true);
	});

	it.each([
		["a numeric string for an integer", { passengerClass: "2" }, "passengerClass"],
		["1 for a boolean", { survived: 1 }, "survived"],
		["a fractional class", { passengerClass: 1.5 }, "passengerClass"],
		["class 0", { passengerClass: 0 }, "passengerClass"],
		["a negative age", { age: -1 }, "age"],
		["a negative fare", { fare: -0.01 }, "fare"],
		["a fractional sibling count", { siblingsOrSpousesAboard: 0.5 }, "siblingsOrSpousesAboard"],
		["a count beyond int4", { parentsOrChildrenAboard: 2 ** 31 }, "parentsOrChildrenAboard"],
		["an empty name", { name: "" }, "name"],
		["a blank name", { name: "   " }, "name"],
		["a 101-character name", { name: "x".repeat(101) }, "name"],
		["a NUL character in the name", { name: "Mr. A\u0000B" }, "name"],
		["an unpaired surrogate in the name", { name: "Mr. \ud800" }, "name"],
		["a name of a control character", { name: "\u0085" }, "name"],
		["an invisible name", { name: "\u200b" }, "name"],
		["a name of ideographic spaces", { name: "\u3000\u3000" }, "name"],
		["a zero-width space inside a name", { name: "Ann\u200bBrown" }, "name"],
		["an age beyond 150", { age: 151 }, "age"],
		["an age of 1e308", { age: 1e308 }, "age"],
		["a fare beyond 100,000", { fare: 100_000.01 }, "fare"],
		["an unknown sex", { sex: "M" }, "sex"],
		["a malformed uuid", { uuid: "not-a-uuid" }, "uuid"],
		["an unknown field", { height: 180 }, "height"],
		["null for a number", { age: null }, "age"],
	])("rejects %s with a 400 naming the field", async (_, change, path) => {
		const { response, body } = await create({ ...samplePerson(), ...change });
		expect(response.status).toBe(400);
		expect(errorPaths(body)).toEqual([path]);
	});

	it("counts a name's length in characters, as the database does", async () => {
		const name = "🚢".repeat(100);
		expect((await create(samplePerson({ name }))).response.status).toBe(201);
		expect((await create(samplePerson({ name: `${name}x` }))).response.status).toBe(400);
	});

	it("is held to the same name, age and fare rules by the database itself", async () => {
		const row = ["x", 30, 7.25];
		for (const [name, age, fare] of [
			["\u0085", 30, 7.25],
			["\u200b", 30, 7.25],
			row.with(1, 151),
			row.with(2, 1e308),
		]) {
			const insert = sql(
				"INSERT INTO passengers (passenger_class, name, sex, age, siblings_or_spouses_aboard, parents_or_children_aboard, fare) VALUES (3, $1, 'male', $2, 0, 0, $3)",
				[name, age, fare],
			);
			await expect(insert).rejects.toMatchObject({ code: "23514" });
		}
	});

	it("accepts a 100-character name and unicode", async () => {
		const name = `Zoë 漢字 🚢 ${"x".repeat(100 - 11)}`;
		const { response, body } = await create(samplePerson({ name, sex: "other" }));
		expect(response.status).toBe(201);
		expect(body.name).toBe(name);
	});
});

describe("PUT /people/{uuid}", () => {
	it("replaces every field, defaulting survived to false", async () => {
		const { body: created } = await create(samplePerson({ survived: true }));
		const { survived: _, ...replacement } = samplePerson({ passengerClass: 1, age: 40, fare: 80 });
		const response = await sendJson("PUT", `/people/${created.uuid}`, replacement);
		expect(response.status).toBe(200);
		const expected = { ...replacement, survived: false, uuid: created.uuid };
		expect(await response.json()).toEqual(expected);
		expect(await (await api(`/people/${created.uuid}`)).json()).toEqual(expected);
	});

	it("accepts the same uuid in the body but refuses to change it", async () => {
		const { body: created } = await create(samplePerson());
		const same = await sendJson("PUT", `/people/${created.uuid}`, samplePerson({ uuid: created.uuid }));
		expect(same.status).toBe(200);
		const shouted = samplePerson({ uuid: created.uuid.toUpperCase() });
		expect((await sendJson("PUT", `/people/${created.uuid}`, shouted)).status).toBe(200);
		const other = await sendJson(
			"PUT",
			`/people/${created.uuid}`,
			samplePerson({ uuid: crypto.randomUUID() }),
		);
		expect(other.status).toBe(400);
		expect(errorPaths(await other.json())).toEqual(["uuid"]);
	});

	it("applies the POST rules: missing fields are named", async () => {
		const { body: created } = await create(samplePerson());
		const response = await sendJson("PUT", `/people/${created.uuid}`, { name: "Only A Name" });
		expect(response.status).toBe(400);
		expect(errorPaths(await response.json())).toContain("age");
	});

	it("is a 404 for an absent uuid and creates nothing", async () => {
		const uuid = crypto.randomUUID();
		const response = await sendJson("PUT", `/people/${uuid}`, samplePerson());
		expect(response.status).toBe(404);
		expect(await sql("SELECT 1 FROM passengers WHERE uuid = $1", [uuid])).toEqual([]);
	});
});

describe("PATCH /people/{uuid}", () => {
	it("changes only the given fields", async () => {
		const { body: created } = await create(samplePerson());
		const response = await sendJson("PATCH", `/people/${created.uuid}`, { survived: true, age: 0.92 });
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ ...created, survived: true, age: 0.92 });
	});

	it("accepts application/merge-patch+json", async () => {
		const { body: created } = await create(samplePerson());
		const response = await api(`/people/${created.uuid}`, {
			method: "PATCH",
			body: JSON.stringify({ fare: 0 }),
			headers: { "Content-Type": "application/merge-patch+json" },
		});
		expect(response.status).toBe(200);
		expect(((await response.json()) as Person).fare).toBe(0);
	});

	it.each([
		["an empty patch", {}, ["(body)"]],
		["a uuid change", { uuid: "0d1a7a3e-5b8f-4a4e-9a43-1c2d3e4f5a6b" }, ["uuid"]],
		["null for a field", { name: null }, ["name"]],
		["a bad value", { passengerClass: "1" }, ["passengerClass"]],
	])("rejects %s", async (_, patch, paths) => {
		const { body: created } = await create(samplePerson());
		const response = await sendJson("PATCH", `/people/${created.uuid}`, patch);
		expect(response.status).toBe(400);
		expect(errorPaths(await response.json())).toEqual(paths);
	});

	it("is a 404 for an absent uuid", async () => {
		expect((await sendJson("PATCH", `/people/${crypto.randomUUID()}`, { age: 1 })).status).toBe(404);
	});
});

describe("DELETE /people/{uuid}", () => {
	it("deletes: 204 with no body, then 404 for it", async () => {
		const { body: created } = await create(samplePerson());
		const response = await api(`/people/${created.uuid}`, { method: "DELETE" });
		expect(response.status).toBe(204);
		expect(await response.text()).toBe("");
		expect((await api(`/people/${created.uuid}`)).status).toBe(404);
		expect((await api(`/people/${created.uuid}`, { method: "DELETE" })).status).toBe(404);
	});
});

describe("GET /people/{uuid}", () => {
	it("is a 404 problem for an absent uuid", async () => {
		const uuid = crypto.randomUUID();
		const response = await api(`/people/${uuid}`);
		expect(response.status).toBe(404);
		expect(await response.json()).toEqual({
			type: "about:blank",
			title: "Not Found",
			status: 404,
			detail: `no person has uuid ${uuid}`,
		});
	});
});

describe("Prefer: return=… on writes", () => {
	const prefer = (value: string) => ({ Prefer: `return=${value}` });

	it("creates with no body for minimal (Location only) and headers-only (Location and ETag)", async () => {
		const minimal = await sendJson("POST", "/people", samplePerson(), prefer("minimal"));
		expect([minimal.status, await minimal.text()]).toEqual([201, ""]);
		expect(minimal.headers.get("Preference-Applied")).toBe("return=minimal");
		expect(minimal.headers.get("Location")).toMatch(/^\/people\/[0-9a-f-]{36}$/);
		expect(minimal.headers.get("ETag")).toBeNull();
		const headersOnly = await sendJson("POST", "/people", samplePerson(), prefer("headers-only"));
		expect([headersOnly.status, await headersOnly.text()]).toEqual([201, ""]);
		expect(headersOnly.headers.get("ETag")).toMatch(/^"p\d+"$/);
		// What the cache keeps of a write without a body is not that empty body.
		const read = await api(headersOnly.headers.get("Location") ?? "");
		expect(((await read.json()) as Person).name).toMatch(/^Test Passenger/);
	});

	it("answers the person for representation, and ignores a preference it does not know", async () => {
		const person = samplePerson();
		const asked = await sendJson("POST", "/people", person, prefer("representation"));
		expect(asked.headers.get("Preference-Applied")).toBe("return=representation");
		expect(((await asked.json()) as Person).name).toBe(person.name);
		const unknown = await sendJson("POST", "/people", samplePerson(), {
			Prefer: "return=everything, tea=earl-grey",
		});
		expect(unknown.status).toBe(201);
		expect(unknown.headers.get("Preference-Applied")).toBeNull();
		expect(await unknown.json()).toHaveProperty("uuid");
	});

	it("updates with 204 for minimal and headers-only (with the new ETag), and reads show the update", async () => {
		const created = (await (await sendJson("POST", "/people", samplePerson())).json()) as Person;
		const path = `/people/${created.uuid}`;
		const minimal = await sendJson("PATCH", path, { age: 50 }, prefer("minimal"));
		expect([minimal.status, await minimal.text(), minimal.headers.get("ETag")]).toEqual([204, "", null]);
		const headersOnly = await sendJson("PUT", path, { ...samplePerson(), age: 51 }, prefer("headers-only"));
		expect([headersOnly.status, await headersOnly.text()]).toEqual([204, ""]);
		const read = await api(path);
		expect(read.headers.get("ETag")).toBe(headersOnly.headers.get("ETag"));
		expect(((await read.json()) as Person).age).toBe(51);
	});

	it("answers a deletion with who was deleted for representation", async () => {
		const created = (await (await sendJson("POST", "/people", samplePerson())).json()) as Person;
		const response = await api(`/people/${created.uuid}`, {
			method: "DELETE",
			headers: prefer("representation"),
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual(created);
		expect((await api(`/people/${created.uuid}`)).status).toBe(404);
	});
});
