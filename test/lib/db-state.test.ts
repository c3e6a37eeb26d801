import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { describe, expect, inject, it } from "vitest";
import { databaseFailureOf } from "../../src/lib/database-failures";
import { createDb } from "../../src/lib/db";
import { readWithState } from "../../src/lib/db-state";
import { onErrors } from "../../src/lib/on-error";
import { READ_STATEMENT_TIMEOUT_MS } from "../../src/lib/timeouts";
import type { AppBindings } from "../../src/lib/types";

const readsWith = (timing = { dbMs: 0, pgMs: 0 }) => createDb(env, { reads: true, timing });

describe("readWithState", () => {
	it("counts Postgres's own time on the batch, which the wait for it includes", async () => {
		const timing = { dbMs: 0, pgMs: 0 };
		const db = readsWith(timing);
		await readWithState(db, [db.execute(sql`select pg_sleep(0.05)`)]);
		expect(timing.pgMs).toBeGreaterThanOrEqual(50);
		expect(timing.pgMs).toBeLessThanOrEqual(timing.dbMs);
	});

	it("runs a read under the statement timeout, and Postgres cancels one that passes it: a 503", async () => {
		const db = readsWith();
		const {
			results: [{ rows }],
		} = await readWithState(db, [db.execute(sql`select current_setting('statement_timeout') as timeout`)]);
		expect(rows).toEqual([{ timeout: `${READ_STATEMENT_TIMEOUT_MS / 1000}s` }]);
		// PGlite runs in one thread with no timer to interrupt a statement: it never cancels one
		// (a difference from Neon that docs/design.md lists). Only PostgreSQL can show the cancel.
		if (inject("embeddedDatabase")) return;
		const app = new Hono<AppBindings>().onError(onErrors(databaseFailureOf)).get("/", async (c) => {
			await readWithState(db, [
				db.execute(sql`select pg_sleep(${(READ_STATEMENT_TIMEOUT_MS + 2_000) / 1000})`),
			]);
			return c.text("finished");
		});
		const started = performance.now();
		const response = await app.request("/", {}, env);
		expect(performance.now() - started).toBeLessThan(READ_STATEMENT_TIMEOUT_MS + 1_500);
		expect(response.status).toBe(503);
		expect(((await response.json()) as { detail: string }).detail).toMatch(/cancelled this read/);
	});
});
