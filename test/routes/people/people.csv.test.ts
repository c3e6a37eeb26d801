import { describe, expect, it } from "vitest";
import { api, roundTrips, sendJson } from "../../support/api";
import { samplePerson } from "../../support/sample-person";

const CSV = { Accept: "text/csv" };
const HEADER = "Survived,Pclass,Name,Sex,Age,Siblings/Spouses Aboard,Parents/Children Aboard,Fare,uuid";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

describe("GET /people as CSV", () => {
	it("answers in the loader's format: its header, 0/1, plain decimals, CRLF, paged with Link, one round trip a page", async () => {
		const before = await roundTrips();
		const response = await api("/people?limit=3", { headers: { ...CSV, "Cache-Control": "no-cache" } });
		expect((await roundTrips()) - before).toBe(1);
		expect(response.status).toBe(200);
		expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
		expect(response.headers.get("Link")).toMatch(/rel="next"/);
		const text = await response.text();
		// Each person's uuid last, so that a load of the export knows its people.
		expect(text.split("\r\n")).toEqual([
			HEADER,
			expect.stringMatching(new RegExp(`^0,3,Mr\\. Owen Harris Braund,male,22,1,0,7\\.25,${UUID}$`)),
			expect.stringMatching(
				new RegExp(
					`^1,1,Mrs\\. John Bradley \\(Florence Briggs Thayer\\) Cumings,female,38,1,0,71\\.2833,${UUID}$`,
				),
			),
			expect.stringMatching(new RegExp(`^1,3,Miss\\. Laina Heikkinen,female,26,0,0,7\\.925,${UUID}$`)),
			"",
		]);
	});

	it("quotes as RFC 4180 says and writes formula-like names as text, honouring filters and sort", async () => {
		const tag = crypto.randomUUID().slice(0, 8);
		for (const name of [`Smith, Mr. "Jack" ${tag}`, `=HYPERLINK(${tag})`, `'${tag} Apostrophe`]) {
			await sendJson("POST", "/people", samplePerson({ name, age: 0.42, fare: 8.05 }));
		}
		const text = await (await api(`/people?q=${tag}&sort=name`, { headers: CSV })).text();
		expect(
			text
				.split("\r\n")
				.slice(1, 4)
				.map((line) => line.split(",").slice(2, -6).join(",")),
		).toEqual([`''${tag} Apostrophe`, `'=HYPERLINK(${tag})`, `"Smith, Mr. ""Jack"" ${tag}"`]);
		expect(text).toContain(",0.42,");
	});

	it("guards a formula after a semicolon too, for spreadsheets that split on ;", async () => {
		const tag = crypto.randomUUID().slice(0, 8);
		const name = `Kelly;=cmd|' /C calc'!A0;@SUM(1) ${tag}`;
		await sendJson("POST", "/people", samplePerson({ name }));
		const text = await (await api(`/people?q=${tag}`, { headers: CSV })).text();
		expect(text.split("\r\n")[1]).toContain(`,Kelly;'=cmd|' /C calc'!A0;'@SUM(1) ${tag},`);
		for (const cell of text.split("\r\n")[1]?.split(";").slice(1) ?? []) expect(cell).toMatch(/^'/);
	});

	it("is cached apart from JSON and HTML, and 406 stays for what the API cannot write", async () => {
		await api("/people?limit=2");
		expect((await api("/people?limit=2", { headers: CSV })).headers.get("Content-Type")).toMatch(
			/^text\/csv/,
		);
		expect((await api("/people?limit=2")).headers.get("Content-Type")).toMatch(/^application\/json/);
		expect((await api("/people?limit=2", { headers: { Accept: "application/xml" } })).status).toBe(406);
	});
});
