import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../src/tools/lib/ports";
import { startLocalStack } from "../../src/tools/local-stack";

const dataDir = mkdtempSync(join(tmpdir(), "titanic-dev-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function peopleCount(apiUrl: string): Promise<number> {
	const response = await fetch(`${apiUrl}/people?limit=1`);
	return Number(response.headers.get("X-Total-Count"));
}

/** The header names of a GET as they come over the wire, in their order. */
function headerNames(url: string): Promise<string[]> {
	return new Promise((resolve, reject) => {
		get(url, (response) => {
			response.resume();
			resolve(response.rawHeaders.filter((_, i) => i % 2 === 0));
		}).on("error", reject);
	});
}

/** The static files (Workers Static Assets), which only a real wrangler dev serves. */
async function expectStaticFiles(apiUrl: string) {
	const docs = await fetch(`${apiUrl}/docs/`);
	expect(docs.status).toBe(200);
	expect(docs.headers.get("Content-Security-Policy")).toMatch(
		/^default-src 'none'; script-src 'self'; style-src 'self'/,
	);
	expect(docs.headers.get("Strict-Transport-Security")).toBe("max-age=15552000; includeSubDomains");
	const html = await docs.text();
	expect(html).toContain('<a href="/people">People</a>');
	expect(html).toContain('<script src="/docs/vendor/swagger-ui-bundle.js">');
	expect(html).not.toMatch(/https?:\/\//);
	const spec = await fetch(`${apiUrl}/openapi.json`);
	expect(spec.headers.get("Content-Type")).toMatch(/^application\/json/);
	expect(((await spec.json()) as { servers: unknown }).servers).toEqual([{ url: "/" }]);
	for (const [path, type] of [
		["/docs/vendor/swagger-ui-bundle.js", /javascript/],
		["/docs/init.js", /javascript/],
		["/site.css", /^text\/css/],
		["/favicon.svg", /^image\/svg\+xml/],
	] as const) {
		const response = await fetch(`${apiUrl}${path}`);
		expect(response.status, path).toBe(200);
		expect(response.headers.get("Content-Type"), path).toMatch(type);
	}
}

describe("the local stack behind npm run dev", () => {
	it("serves the seeded passengers from embedded PGlite; a restart does not load them twice, nor keep the read cache", async () => {
		const lines: string[] = [];
		const options = { dataDir, seedCsv: "data/titanic.csv", log: (line: string) => lines.push(line) };
		const first = await startLocalStack({ ...options, port: await freePort() });
		try {
			expect(await peopleCount(first.apiUrl)).toBe(887);
			expect(lines).toContain("loaded 887 passengers from data/titanic.csv");
			await expectStaticFiles(first.apiUrl);
		} finally {
			await first.stop();
		}
		const second = await startLocalStack({ ...options, port: await freePort() });
		try {
			const again = await fetch(`${second.apiUrl}/people?limit=1`);
			expect(Number(again.headers.get("X-Total-Count"))).toBe(887);
			expect(again.headers.get("Cache-Status")).toBe("titanic-people-api; fwd=uri-miss; stored");
			// A hit says its header names as a miss does: the Cache API hands them back in lower case.
			const miss = await headerNames(`${second.apiUrl}/people?limit=2`);
			const hit = await headerNames(`${second.apiUrl}/people?limit=2`);
			expect(hit).toEqual(
				expect.arrayContaining(["Age", "Content-Type", "ETag", "X-Total-Count", "Cache-Status"]),
			);
			const missSpelling = new Map(miss.map((name) => [name.toLowerCase(), name]));
			for (const name of hit) expect(name).toBe(missSpelling.get(name.toLowerCase()) ?? name);
		} finally {
			await second.stop();
		}
	}, 120_000);

	it("gives wrangler its settings in a private file (no secret on a command line, no .dev.vars), and starts empty without the CSV", async () => {
		const apiToken = `token-${crypto.randomUUID()}`;
		// A .dev.vars that would break the stack if wrangler read it; any real one is kept aside.
		const kept = existsSync(".dev.vars") ? readFileSync(".dev.vars") : undefined;
		writeFileSync(".dev.vars", "DATABASE_URL=postgres://nobody@127.0.0.1:1/none\nAPI_TOKEN=other\n");
		const lines: string[] = [];
		const stack = await startLocalStack({
			seedCsv: "data/no-such.csv",
			apiToken,
			port: await freePort(),
			log: (line) => lines.push(line),
		});
		try {
			const commandLines = readdirSync("/proc")
				.filter((pid) => /^\d+$/.test(pid))
				.map((pid) => {
					try {
						return readFileSync(`/proc/${pid}/cmdline`, "utf8");
					} catch {
						return "";
					}
				});
			expect(commandLines.some((line) => line.includes("wrangler"))).toBe(true);
			expect(
				commandLines.filter((line) => line.includes(apiToken) || line.includes(stack.databaseUrl)),
			).toEqual([]);
			// Without the CSV: an empty API that says where the data comes from, in the log and the page.
			expect(
				lines.some((line) => line.includes("data/no-such.csv not found") && line.includes("git checkout")),
			).toBe(true);
			expect(await peopleCount(stack.apiUrl)).toBe(0);
			const page = await fetch(`${stack.apiUrl}/people`, { headers: { Accept: "text/html" } });
			const empty = await page.text();
			expect(empty).toContain("No passengers are loaded yet");
			// The way to load into this very database, which a DATABASE_URL cannot name.
			expect(empty).toContain("<code>npm run db:load -- --embedded data/titanic.csv</code>");
			const write = (token: string) =>
				fetch(`${stack.apiUrl}/people/00000000-0000-4000-8000-000000000000`, {
					method: "DELETE",
					headers: { Authorization: `Bearer ${token}` },
				});
			expect((await write("other")).status).toBe(401);
			expect((await write(apiToken)).status).toBe(404);
		} finally {
			await stack.stop();
			if (kept) writeFileSync(".dev.vars", kept);
			else rmSync(".dev.vars");
		}
	}, 120_000);

	it("fails with one clear line when the port is taken", async () => {
		const taken = createServer().listen(0, "127.0.0.1");
		await new Promise((resolve) => taken.once("listening", resolve));
		const port = (taken.address() as { port: number }).port;
		await expect(startLocalStack({ port })).rejects.toThrow(`port ${port} on 127.0.0.1 is taken`);
		taken.close();
	});

	it("fails with one clear line when the database is unreachable", async () => {
		await expect(
			startLocalStack({ port: await freePort(), databaseUrl: "postgres://postgres@127.0.0.1:1/none" }),
		).rejects.toThrow(/^cannot migrate 127\.0\.0\.1:1: .*ECONNREFUSED/);
	});
});
