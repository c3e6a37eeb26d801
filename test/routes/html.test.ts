import { describe, expect, it } from "vitest";
import type { Person } from "../../src/db/person.schemas";
import { api, sendJson } from "../support/api";
import { samplePerson } from "../support/sample-person";

const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

function browse(path: string) {
	return api(path, { headers: { Accept: BROWSER_ACCEPT } });
}

describe("content negotiation", () => {
	it.each(["/", "/people", "/people?limit=1"])(
		"JSON for */*, application/json and no Accept on %s",
		async (path) => {
			for (const accept of ["*/*", "application/json", undefined]) {
				const response = await api(path, { headers: accept ? { Accept: accept } : {} });
				expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
				expect(response.headers.get("Vary")).toMatch(/\bAccept\b/);
			}
		},
	);

	it("HTML for a browser, with Vary: Accept", async () => {
		const response = await browse("/people");
		expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
		expect(response.headers.get("Vary")).toMatch(/\bAccept\b/);
		expect(await response.text()).toMatch(/^<!DOCTYPE html>/);
	});
});

describe("HTML pages", () => {
	it("lists people in a table with a filter form and page links", async () => {
		const html = await (await browse("/people?limit=10&offset=10&sex=female")).text();
		expect(html).toContain('<form class="filters" method="get" action="/people">');
		expect(html).toContain('<option value="female" selected="">female</option>');
		expect(html.match(/<tr><td><a href="\/people\/[0-9a-f-]{36}">/g)).toHaveLength(10);
		expect(html).toMatch(/<a href="[^"]*cursor=[\w-]+[^"]*" rel="next">/);
		expect(html).toMatch(/<a href="[^"]*cursor=[\w-]+[^"]*" rel="prev">/);
		expect(html).toMatch(/Showing 11–20 of \d+/);
	});

	it("renders a detail page", async () => {
		const created = (await (await sendJson("POST", "/people", samplePerson({ age: 0.75 }))).json()) as Person;
		const html = await (await browse(`/people/${created.uuid}`)).text();
		expect(html).toContain(`<h1>${created.name}</h1>`);
		expect(html).toContain("<dd>0.75</dd>");
	});

	it("escapes every reflected input", async () => {
		const evil = `<script>alert("x")</script>`;
		const created = (await (
			await sendJson("POST", "/people", samplePerson({ name: evil }))
		).json()) as Person;
		const list = await (await browse(`/people?q=${encodeURIComponent(evil)}`)).text();
		const detail = await (await browse(`/people/${created.uuid}`)).text();
		for (const html of [list, detail]) {
			expect(html).not.toContain("<script>");
			expect(html).toContain("&lt;script&gt;");
		}
	});

	it("sends a Content-Security-Policy that allows this site's own files only", async () => {
		for (const path of ["/", "/people?limit=2", "/nowhere"]) {
			const policy = (await browse(path)).headers.get("Content-Security-Policy") ?? "";
			expect(policy).toMatch(/default-src 'none'/);
			expect(policy).toMatch(/style-src 'self'/);
			expect(policy).not.toMatch(/unsafe/);
		}
		const page = await (await browse("/people?limit=2")).text();
		expect(page).not.toMatch(/<style|<script| style=/);
		expect(page).toContain('<link rel="stylesheet" href="/site.css"/>');
	});

	it("serves a landing page for browsers and links as JSON otherwise", async () => {
		expect(await (await browse("/")).text()).toContain('<a href="/docs/">');
		expect(await (await api("/")).json()).toEqual({
			name: "Titanic people API",
			links: { people: "/people", docs: "/docs/", openapi: "/openapi.json" },
		});
	});
});
