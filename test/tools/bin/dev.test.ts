import { spawn } from "node:child_process";
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { startEmbeddedPostgres } from "../../../src/tools/embedded-postgres";
import { ROOT } from "../../../src/tools/lib/checkout";
import { freePort } from "../../../src/tools/lib/ports";
import { waitUntilServing } from "../../../src/tools/wrangler-dev";
import { csvFile, rowsCsv, runLoader } from "../load/support";
import { run } from "./run-script";

describe("npm run dev and db:load --embedded, which share .data/", () => {
	it("Ctrl-C stops npm run dev with nothing left behind, though it is pressed twice", async () => {
		// Its own: other tests' stacks may start and stop meanwhile.
		const privateDirs = (pid: number | undefined) =>
			readdirSync(existsSync("/dev/shm") ? "/dev/shm" : tmpdir()).filter((name) =>
				name.startsWith(`titanic-stack-${pid}-`),
			);
		const port = await freePort();
		// The command line npm runs, with npm's PATH.
		const [command = "", ...args] = JSON.parse(readFileSync("package.json", "utf8")).scripts.dev.split(" ");
		const dev = spawn(command, args, {
			// The embedded database: vitest.config.ts puts a placeholder in DATABASE_URL.
			env: {
				...process.env,
				PATH: `${join(ROOT, "node_modules/.bin")}:${process.env.PATH}`,
				PORT: String(port),
				DATABASE_URL: "",
			},
			detached: true,
			stdio: "ignore",
		});
		const exited = new Promise((resolve) => dev.once("exit", resolve));
		const serving = waitUntilServing(`http://127.0.0.1:${port}/healthz`, 90_000).then(() => true);
		expect(await Promise.race([serving, exited.then(() => false)])).toBe(true);
		expect(existsSync(".data/dev.pid")).toBe(true);
		expect(privateDirs(dev.pid)).toHaveLength(1);
		// As a terminal delivers Ctrl-C: to the whole group; and once more, soon after.
		process.kill(-(dev.pid ?? 0), "SIGINT");
		const again = setTimeout(() => {
			try {
				process.kill(-(dev.pid ?? 0), "SIGINT");
			} catch {
				// Gone already: nothing to press twice.
			}
		}, 50);
		await exited;
		clearTimeout(again);
		expect(existsSync(".data/dev.pid")).toBe(false);
		expect(privateDirs(dev.pid)).toEqual([]);
	}, 120_000);

	it("db:load --embedded loads into npm run dev's embedded database: opened itself, or through the running dev", async () => {
		const folder = mkdtempSync(join(tmpdir(), "titanic-embedded-"));
		// As npm would run it, but in a folder of its own: .data/ is the folder's. Not spawnSync:
		// the database it loads into may be served by this very process.
		const load = (args: string[], env: Record<string, string> = {}) =>
			runLoader(args, { DATABASE_URL: "", ...env }, folder);
		try {
			const alone = await load(["--embedded", csvFile(rowsCsv(5, "Embedded Alone"))]);
			expect(alone).toMatchObject({ code: 0, stdout: expect.stringMatching(/^db:load: loaded 5 rows /) });
			expect(alone.stderr).toMatch(/into the embedded database in \.data\/pglite in one transaction/);
			expect(readdirSync(join(folder, ".data"))).toEqual(["pglite"]);
			// Now as while npm run dev runs: it holds .data/ and serves the database.
			const served = await startEmbeddedPostgres({ dataDir: join(folder, ".data/pglite") });
			writeFileSync(join(folder, ".data/dev.pid"), String(process.pid));
			writeFileSync(join(folder, ".data/dev.database-url"), served.url);
			try {
				const through = await load(["--embedded", csvFile(rowsCsv(3, "Embedded Through"))]);
				expect(through.code).toBe(0);
				expect(through.stderr).toMatch(/into the embedded database of the running npm run dev/);
				const client = new pg.Client(served.url);
				await client.connect();
				const { rows } = await client.query("SELECT count(*)::int AS n FROM passengers");
				await client.end();
				expect(rows[0].n).toBe(8);
				expect(existsSync(join(folder, ".data/dev.pid"))).toBe(true);
			} finally {
				await served.stop();
			}
			const both = await load(["--embedded", csvFile(rowsCsv(1, "Both"))], {
				DATABASE_URL: inject("databaseUrl"),
			});
			expect(both).toMatchObject({
				code: 1,
				stderr: expect.stringMatching(/unset DATABASE_URL, or leave out --embedded/),
			});
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	}, 180_000);

	it("npm run dev refuses to share .data with another npm run dev of the checkout", () => {
		const lock = ".data/dev.pid";
		mkdirSync(".data", { recursive: true });
		const ours = !existsSync(lock);
		if (ours) writeFileSync(lock, String(process.pid));
		try {
			const holder = readFileSync(lock, "utf8");
			const second = run("dev");
			expect(second.code).toBe(1);
			expect(second.stderr).toContain(
				`another npm run dev or db:load --embedded (process ${holder}) is using .data/`,
			);
		} finally {
			if (ours) rmSync(lock);
		}
	});
});
