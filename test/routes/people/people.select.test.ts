import { describe, expect, it } from "vitest";
import { api, sendJson } from "../../support/api";
import { list } from "../../support/list";
import { samplePerson } from "../../support/sample-person";

async function created() {
	const response = await sendJson("POST", "/people", samplePerson({ name: "Selma Select", age: 41 }));
	expect(response.status).toBe(201);
	return (await response.json()) as { uuid: string };
}

describe("select= (field selection)", () => {
	it("answers a list with the selected fields only, in the order asked, and links keep the selection", async () => {
		const whole = await list("?limit=5&sex=female");
		const chosen = await list("?limit=5&sex=female&select=age,name");
		expect(chosen.people.map((p) => Object.keys(p))).toEqual(Array(5).fill(["age", "name"]));
		expect(chosen.people).toEqual(whole.people.map(({ age, name }) => ({ age, name })));
		expect(new URL(chosen.links.next ?? "", "http://api.test").searchParams.get("select")).toBe("age,name");
		expect(chosen.response.headers.get("ETag")).not.toBe(whole.response.headers.get("ETag"));
	});

	it("answers a person with the selected fields, under an ETag of its own that If-None-Match matches", async () => {
		const { uuid } = await created();
		const full = await api(`/people/${uuid}`);
		const chosen = await api(`/people/${uuid}?select=name,uuid`);
		expect(await chosen.json()).toEqual({ name: "Selma Select", uuid });
		const tag = chosen.headers.get("ETag") ?? "";
		expect(tag).toMatch(/^"p\d+\+name\+uuid"$/);
		expect(tag).not.toBe(full.headers.get("ETag"));
		const again = await api(`/people/${uuid}?select=name,uuid`, { headers: { "If-None-Match": tag } });
		expect(again.status).toBe(304);
		// The whole person is still the whole person: the two are kept apart.
		expect(Object.keys((await (await api(`/people/${uuid}`)).json()) as object)).toHaveLength(9);
	});

	it("shows a write here in the selected answers at once", async () => {
		const { uuid } = await created();
		const before = await api(`/people/${uuid}?select=age`);
		expect(await before.json()).toEqual({ age: 41 });
		expect(before.headers.get("Cache-Status")).toMatch(/stored/);
		expect((await sendJson("PATCH", `/people/${uuid}`, { age: 42 })).status).toBe(200);
		expect(await (await api(`/people/${uuid}?select=age`)).json()).toEqual({ age: 42 });
	});

	it("writes the CSV with the selected columns, the header following", async () => {
		const csv = await api("/people?limit=2&select=name,survived,uuid", { headers: { Accept: "text/csv" } });
		const [header, ...rows] = (await csv.text()).trimEnd().split("\r\n");
		expect(header).toBe("Name,Survived,uuid");
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatch(/^Mr\. Owen Harris Braund,0,[0-9a-f-]{36}$/);
	});

	it("shows the selected columns on the HTML pages", async () => {
		const page = await (
			await api("/people?limit=3&select=name,age", { headers: { Accept: "text/html" } })
		).text();
		expect([...page.matchAll(/<th[^>]*><a [^>]*>(\w+)/g)].map((m) => m[1])).toEqual(["Name", "Age"]);
		const { uuid } = await created();
		const person = await (
			await api(`/people/${uuid}?select=fare`, { headers: { Accept: "text/html" } })
		).text();
		expect([...person.matchAll(/<dt>([^<]+)<\/dt>/g)].map((m) => m[1])).toEqual(["Fare"]);
	});

	it("answers an unknown field with a 400 naming select and the fields there are", async () => {
		for (const path of [
			"/people?select=name,cabin",
			"/people/0d1a7a3e-5b8f-4a4e-9a43-1c2d3e4f5a6b?select=name,",
		]) {
			const response = await api(path);
			expect(response.status).toBe(400);
			const { errors } = (await response.json()) as { errors: { path: string; message: string }[] };
			expect(errors).toEqual([
				{
					path: "select",
					message: expect.stringMatching(/^(cabin|\(empty\)): not a field; the fields are uuid, survived/),
				},
			]);
		}
	});
});
