import { describe, expect, it } from "vitest";
import type { Person } from "../../src/db/person.schemas";
import type { Stats } from "../../src/routes/people/people.stats";
import { api, roundTrips, sendJson } from "../support/api";
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

	it.each(["/people/7a3b1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "/people?limit=0", "/people"])(
		"names Accept in Vary once on %s, a problem's negotiation too",
		async (path) => {
			for (const accept of [BROWSER_ACCEPT, "application/json"]) {
				const vary = (await api(path, { headers: { Accept: accept } })).headers.get("Vary") ?? "";
				const fields = vary.split(",").map((field) => field.trim());
				expect(fields.filter((field) => field === "Accept")).toEqual(["Accept"]);
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
		expect(html).toMatch(/<input type="checkbox" name="sex" value="female" checked="?"?\/?>/);
		expect(html.match(/<tr><td data-label="Name"><a href="\/people\/[0-9a-f-]{36}">/g)).toHaveLength(10);
		expect(html).toMatch(/<a href="[^"]*cursor=[\w-]+[^"]*" rel="next">/);
		expect(html).toMatch(/<a href="[^"]*cursor=[\w-]+[^"]*" rel="prev">/);
		expect(html).toMatch(/Showing 11–20 of \d+/);
	});

	it("says where a cursor page is: forward, backward and the last page", async () => {
		const linkOf = (response: Response, rel: string) =>
			new RegExp(`<([^>]+)>; rel="${rel}"`).exec(response.headers.get("Link") ?? "")?.[1] ?? "";
		const first = await browse("/people?limit=10&passengerClass=1");
		const second = await browse(linkOf(first, "next"));
		const third = await browse(linkOf(second, "next"));
		const back = await browse(linkOf(third, "prev"));
		const last = await browse(linkOf(first, "last"));
		// Its own total: another test may add to the class between the requests.
		const total = Number(last.headers.get("X-Total-Count"));
		expect(await second.text()).toMatch(/Showing 11–20 of \d+/);
		expect(await third.text()).toMatch(/Showing 21–30 of \d+/);
		expect(await back.text()).toMatch(/Showing 11–20 of \d+/);
		// The last page is the last ten, as its cursor reads them back from the end.
		expect(await last.text()).toContain(`Showing ${total - 9}–${total} of ${total}`);
	});

	it("shows First as no link on the first page, nor Last on the last", async () => {
		const first = await browse("/people?limit=10&sex=female");
		const firstPage = await first.text();
		expect(firstPage).not.toMatch(/rel="first"/);
		expect(firstPage).toMatch(/rel="last"/);
		const last = /<([^>]+)>; rel="last"/.exec(first.headers.get("Link") ?? "")?.[1] ?? "";
		const lastPage = await (await browse(last)).text();
		expect(lastPage).not.toMatch(/rel="(last|next)"/);
		expect(lastPage).toMatch(/rel="first"/);
	});

	it("gives the statistics page the list's filter form, aimed at the statistics", async () => {
		const html = await (await browse("/people/stats?sex=female")).text();
		expect(html).toContain('<form class="filters" method="get" action="/people/stats">');
		expect(html).toMatch(/<input type="checkbox" name="sex" value="female" checked="?"?\/?>/);
		expect(html).not.toContain('name="limit"');
	});

	it("pages by 50 for a browser (JSON keeps 1000), with the page links above and below the table", async () => {
		const response = await browse("/people");
		const html = await response.text();
		expect(html.match(/<tr><td data-label="Name"><a href="\/people\//g)).toHaveLength(50);
		expect(html.match(/<nav class="pages"/g)).toHaveLength(2);
		expect(response.headers.get("Link")).toContain("limit=50");
		expect(((await (await api("/people")).json()) as Person[]).length).toBeGreaterThan(50);
	});

	it("sorts by a column heading, and the sorted heading reverses it", async () => {
		const html = await (await browse("/people?sex=male")).text();
		expect(html).toContain('<th><a href="/people?limit=50&amp;sort=fare&amp;sex=male"');
		const byFare = await (await browse("/people?sex=male&sort=fare")).text();
		expect(byFare).toContain(
			'<th aria-sort="ascending"><a href="/people?limit=50&amp;sort=-fare&amp;sex=male"',
		);
		const fares = [...byFare.matchAll(/<td class="num" data-label="Fare">£([\d.]+)<\/td><\/tr>/g)].map((m) =>
			Number(m[1]),
		);
		expect(fares.length).toBe(50);
		expect(fares).toEqual([...fares].sort((a, b) => a - b));
	});

	it("writes fares in pounds and pence, in the table and on a person's page", async () => {
		const created = (await (
			await sendJson("POST", "/people", samplePerson({ fare: 71.2833 }))
		).json()) as Person;
		expect(await (await browse(`/people/${created.uuid}`)).text()).toContain("<dd>£71.28</dd>");
		expect(await (await browse(`/people?q=${encodeURIComponent(created.name)}`)).text()).toContain(
			">£71.28</td>",
		);
	});

	it("says why a list is empty and what to do", async () => {
		expect(await (await browse("/people?q=nobody-is-called-this")).text()).toContain(
			"No one matches these filters.",
		);
		expect(await (await browse("/people?offset=100000")).text()).toContain("past the end of the list");
	});

	it("answers a browser's errors with pages, and API clients with problem+json as before", async () => {
		const missing = await browse("/people/00000000-0000-4000-8000-000000000000");
		expect(missing.status).toBe(404);
		expect(missing.headers.get("Content-Type")).toMatch(/^text\/html/);
		expect(await missing.text()).toContain("<h1>404 Not Found</h1>");
		const invalid = await browse("/people?limit=0&sex=x");
		expect(invalid.status).toBe(400);
		const page = await invalid.text();
		expect(page).toContain("<code>limit</code>");
		expect(page).toContain("<code>sex</code>");
		expect((await browse("/nowhere")).headers.get("Content-Type")).toMatch(/^text\/html/);
		const json = await api("/people/00000000-0000-4000-8000-000000000000");
		expect(json.headers.get("Content-Type")).toBe("application/problem+json");
	});

	it("says how many of the listed people survived, in the same one round trip", async () => {
		const stats = (await (await api("/people/stats?sex=female")).json()) as Stats;
		const before = await roundTrips();
		const html = await (await browse("/people?sex=female&limit=7")).text();
		expect((await roundTrips()) - before).toBe(1);
		const percent = Math.round((100 * stats.total.survived) / stats.total.count);
		expect(html).toContain(`${stats.total.survived} of ${stats.total.count} survived, ${percent} %.`);
	});

	it("draws the survival statistics as accessible SVG charts, each with its numbers as a table", async () => {
		const html = await (await browse("/people/stats?sex=female")).text();
		const stats = (await (await api("/people/stats?sex=female")).json()) as {
			total: { count: number; survived: number };
		};
		expect(html).toContain(`${stats.total.survived} of ${stats.total.count} people survived`);
		expect(html.match(/<svg [^>]*role="img" aria-labelledby="[\w-]+-title [\w-]+-desc"/g)).toHaveLength(2);
		expect(html).toContain('<title id="class-sex-title">Survival rate by class and sex</title>');
		expect(html).toMatch(/<desc id="ages-desc">0–9: \d+ survived, \d+ died/);
		expect(html.match(/<figure class="chart">/g)).toHaveLength(2);
		expect(html).toContain("<td>class 1, female</td>");
		expect(html).not.toMatch(/<script|style=/);
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
		const page = await (await browse("/")).text();
		expect(page).toContain('<a href="/docs/">');
		expect(page).toContain('<a href="/people/stats">');
		expect(await (await api("/")).json()).toEqual({
			name: "Titanic people API",
			links: { people: "/people", stats: "/people/stats", docs: "/docs/", openapi: "/openapi.json" },
		});
	});
});
