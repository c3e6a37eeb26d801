// A person's walk through the HTML pages in headless Chromium (Debian's, driven by
// playwright-core): list, next page, filter, detail, docs, then every page at phone and
// desktop widths, with every other host refused. Screenshots land in
// test-results/screenshots. Run with `npm run test:browser`.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium, type Page } from "playwright-core";
import { commandFlags } from "../../src/tools/lib/cli";
import { freePort } from "../../src/tools/lib/ports";
import { startLocalStack } from "../../src/tools/local-stack";

// No flags: --help prints the usage, anything else is refused before a browser starts.
commandFlags("test:browser", "npm run test:browser  (CHROMIUM_PATH names the browser)", {}, () => undefined);

const SCREENSHOTS = "test-results/screenshots";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// The browser first: a missing Chromium then stops the check before any local stack runs.
const browser = await chromium
	.launch({
		executablePath: CHROMIUM,
		args: [
			"--no-sandbox",
			"--disable-gpu",
			"--disable-quic",
			"--no-first-run",
			"--disable-background-networking",
		],
	})
	.catch((error: Error) => {
		console.error(
			`test:browser: cannot start ${CHROMIUM} (apt install chromium, or set CHROMIUM_PATH): ${error.message.split("\n")[0]}`,
		);
		process.exit(1);
	});
const stack = await startLocalStack({ port: await freePort(), seedCsv: "data/titanic.csv" }).catch(
	async (error: unknown) => {
		await browser.close();
		throw error;
	},
);
let failed = false;
try {
	mkdirSync(SCREENSHOTS, { recursive: true });
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	const problems = watchForProblems(page, new URL(stack.apiUrl).host);
	const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: false });

	await step("the list shows the first page in CSV order", async () => {
		await page.goto(`${stack.apiUrl}/people?limit=25`);
		assert.equal(await page.locator("tbody tr").count(), 25);
		assert.equal(
			await page.locator("tbody tr").first().locator("td").first().textContent(),
			"Mr. Owen Harris Braund",
		);
		assert.match((await page.locator("main p").first().textContent()) ?? "", /Showing 1–25 of \d+/);
		// Where the list starts, First leads nowhere: it is no link.
		assert.equal(await page.getByRole("link", { name: "« First" }).count(), 0);
		assert.equal(await page.getByRole("link", { name: "Last »" }).count(), 2);
		await shot("1-list");
	});

	await step("Next pages forward", async () => {
		await page.getByRole("link", { name: "Next ›" }).first().click();
		assert.match(page.url(), /cursor=[\w-]+/);
		assert.match((await page.locator("main p").first().textContent()) ?? "", /Showing 26–50 of \d+/);
		assert.notEqual(
			await page.locator("tbody tr").first().locator("td").first().textContent(),
			"Mr. Owen Harris Braund",
		);
		await shot("2-next-page");
	});

	await step("the filter form narrows the list: several classes, an age range, a name part", async () => {
		await page.check("input[name=passengerClass][value='1']");
		await page.check("input[name=passengerClass][value='2']");
		await page.selectOption("select[name=survived]", "true");
		await page.selectOption("select[name=age] >> nth=0", "gte.18");
		await page.selectOption("select[name=age] >> nth=1", "lt.30");
		await page.fill("input[name=q]", "mrs");
		await page.getByRole("button", { name: "Filter" }).click();
		const url = new URL(page.url());
		assert.deepEqual(url.searchParams.getAll("passengerClass"), ["1", "2"]);
		assert.deepEqual(url.searchParams.getAll("age"), ["gte.18", "lt.30"]);
		const classes = await page.locator("tbody tr td:nth-child(3)").allInnerTexts();
		assert.ok(classes.length > 0 && classes.every((c) => c === "1" || c === "2"));
		const ages = (await page.locator("tbody tr td:nth-child(5)").allInnerTexts()).map(Number);
		assert.ok(ages.every((age) => age >= 18 && age < 30));
		const names = await page.locator("tbody tr td:first-child").allInnerTexts();
		assert.ok(names.every((n) => n.toLowerCase().includes("mrs")));
		// The form shows what it filters by, and the sorting links keep it, in one spelling.
		assert.ok(await page.isChecked("input[name=passengerClass][value='2']"));
		const sorted = new URL((await page.locator("thead a").first().getAttribute("href")) ?? "", page.url());
		assert.deepEqual(sorted.searchParams.getAll("passengerClass"), ["in.(1,2)"]);
		assert.deepEqual(sorted.searchParams.getAll("age"), ["gte.18", "lt.30"]);
		await shot("3-filtered");
	});

	await step("a name opens the detail page", async () => {
		const first = page.locator("tbody tr td:first-child a").first();
		const name = await first.textContent();
		await first.click();
		assert.equal(await page.locator("h1").textContent(), name);
		assert.match(page.url(), /\/people\/[0-9a-f-]{36}$/);
		await shot("4-detail");
	});

	await step("the API docs link opens Swagger UI on the OpenAPI document, from this site alone", async () => {
		await page.getByRole("link", { name: "API docs" }).click();
		await page.locator(".opblock-tag", { hasText: "People" }).first().waitFor({ timeout: 15_000 });
		assert.ok((await page.locator(".opblock").count()) >= 7);
		assert.equal(await page.locator("nav.top a").count(), 5);
		await shot("5-docs");
	});

	await step("the statistics page takes the list's filters in a form of its own", async () => {
		await page.goto(`${stack.apiUrl}/people/stats`);
		const everyone = await page.locator("main p").nth(0).textContent();
		await page.check("input[name=sex][value='female']");
		await page.getByRole("button", { name: "Filter" }).click();
		const url = new URL(page.url());
		assert.equal(url.pathname, "/people/stats");
		assert.equal(url.searchParams.get("sex"), "female");
		assert.notEqual(await page.locator("main p").nth(0).textContent(), everyone);
		// Each chart's title comes before it.
		const first = await page.evaluate("document.querySelector('figure.chart').firstElementChild.tagName");
		assert.equal(first, "FIGCAPTION");
		await shot("6-survival-women");
	});

	await step("every page fits a 390 px phone and a 1280 px desktop without sideways scrolling", async () => {
		await page.goto(`${stack.apiUrl}/people`);
		const person = await page.locator("tbody a[href^='/people/']").first().getAttribute("href");
		const pages = {
			home: "/",
			list: "/people",
			sorted: "/people?sort=-fare&passengerClass=1",
			filtered: "/people?passengerClass=in.(1,2)&sex=in.(female,other)&age=gte.18&age=lt.30&q=mrs",
			person: person ?? "/people",
			empty: "/people?q=nobody-is-called-this",
			"not-found": "/people/00000000-0000-4000-8000-000000000000",
			docs: "/docs/",
			survival: "/people/stats",
			"survival-women": "/people/stats?sex=female",
		};
		const overflowing: string[] = [];
		for (const [width, height] of [
			[390, 844],
			[1280, 900],
		] as const) {
			await page.setViewportSize({ width, height });
			for (const [name, path] of Object.entries(pages)) {
				await page.goto(`${stack.apiUrl}${path}`);
				if (name === "docs") await page.locator(".opblock").first().waitFor({ timeout: 15_000 });
				// A string, evaluated in the page: this file is type-checked without the DOM's types.
				const [scroll, view] = (await page.evaluate(
					"[document.documentElement.scrollWidth, window.innerWidth]",
				)) as [number, number];
				if (scroll > view) overflowing.push(`${path} at ${width} px: ${scroll} px wide`);
				// Nor inside it: a table that scrolls hides fields behind an unmarked swipe.
				const scrolling = (await page.evaluate(
					"[...document.querySelectorAll('div.table')].filter((d) => d.scrollWidth > d.clientWidth).length",
				)) as number;
				if (scrolling) overflowing.push(`${path} at ${width} px: ${scrolling} table(s) scroll sideways`);
				const smallest = (await page.evaluate(
					"Math.min(...[...document.querySelectorAll('svg text')].map((t) => t.getBoundingClientRect().height))",
				)) as number;
				if (smallest < 11)
					overflowing.push(`${path} at ${width} px: chart text ${smallest.toFixed(1)} px high`);
				await page.screenshot({ path: `${SCREENSHOTS}/${width}-${name}.png`, fullPage: false });
			}
		}
		assert.deepEqual(overflowing, []);
	});

	await step("no page fetched anything from another host or broke its Content-Security-Policy", async () => {
		assert.deepEqual(problems, []);
	});
} finally {
	await browser.close();
	await stack.stop();
}
console.log(failed ? "browser check failed" : `browser check passed; screenshots in ${SCREENSHOTS}`);
process.exit(failed ? 1 : 0);

async function step(name: string, run: () => Promise<void>) {
	try {
		await run();
		console.log(`✓ ${name}`);
	} catch (error) {
		failed = true;
		console.log(`✗ ${name}\n  ${(error as Error).message}`);
	}
}

/**
 * Requests to any other host (refused, so nothing leaves the machine) and the browser's
 * complaints: Content-Security-Policy violations and script errors.
 */
function watchForProblems(page: Page, host: string): string[] {
	const problems: string[] = [];
	void page.route("**/*", (route) => {
		const url = new URL(route.request().url());
		if (url.host === host || url.protocol === "data:") return route.continue();
		problems.push(`fetched ${url.href}`);
		return route.abort();
	});
	page.on("console", (message) => {
		if (/Content.Security.Policy|Refused to/i.test(message.text())) problems.push(message.text());
	});
	page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
	return problems;
}
