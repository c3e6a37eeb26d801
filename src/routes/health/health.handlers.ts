import { sql } from "drizzle-orm";
import journal from "../../../drizzle/meta/_journal.json";
import { requestDb } from "../../lib/db";
import { problem } from "../../lib/problem";
import type { AppRouteHandler } from "../../lib/types";
import type { ReadyRoute } from "./health.routes";

const READY_TIMEOUT_MS = 2_000;
// drizzle's migrators record each migration's journal timestamp as created_at.
const newestMigration = journal.entries.at(-1);

export const ready: AppRouteHandler<ReadyRoute> = async (c) => {
	const notReady = (detail: string) => problem(c, 503, detail, { headers: { "Retry-After": "5" } });
	let applied: number;
	try {
		const { rows } = await requestDb(c, { timeoutMs: READY_TIMEOUT_MS }).execute<{ newest: string | null }>(
			sql`SELECT max(created_at)::text AS newest FROM drizzle.__drizzle_migrations`,
		);
		applied = Number(rows[0]?.newest ?? 0);
	} catch {
		return notReady(`the database did not answer within ${READY_TIMEOUT_MS} ms, or has no migrations table`);
	}
	if (newestMigration && applied < newestMigration.when) {
		return notReady(`migration ${newestMigration.tag} is not applied yet: run npm run db:migrate`);
	}
	return c.json({ status: "ready" as const, migration: newestMigration?.tag ?? "none" }, 200);
};
