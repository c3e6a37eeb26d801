import type { Client } from "@neondatabase/serverless";
import { desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/neon-serverless";
import { passengerLoads } from "../../db/ledger-schema";
import { passengers } from "../../db/schema";

export interface LoadRecord {
	id: number;
	fileName: string;
	rows: number;
	loadedAt: Date;
}

/**
 * The CSV loads' ledger (passenger_loads), through drizzle on the loader's own connection,
 * so every statement is part of the load's transaction.
 */
export function ledgerOn(client: Client) {
	const db = drizzle({ client, casing: "snake_case" });
	const first = async (where: SQL): Promise<LoadRecord | undefined> => {
		const [found] = await db
			.select({
				id: passengerLoads.id,
				fileName: passengerLoads.fileName,
				rows: passengerLoads.rows,
				loadedAt: passengerLoads.loadedAt,
			})
			.from(passengerLoads)
			.where(where)
			.orderBy(desc(passengerLoads.loadedAt))
			.limit(1);
		return found;
	};
	return {
		/**
		 * Serialises loaders: held until the transaction ends, so two runs of the same file
		 * cannot both decide it is new.
		 */
		async lock(): Promise<void> {
			await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext('passenger_loads'))`);
		},

		/** The load of this content, if any. */
		find(sha256: string): Promise<LoadRecord | undefined> {
			return first(eq(passengerLoads.sha256, sha256));
		},

		/** The latest load from this file (its full path), whatever its content was then. */
		latestFrom(fileName: string): Promise<LoadRecord | undefined> {
			return first(eq(passengerLoads.fileName, fileName));
		},

		/** Removes the rows of earlier loads from this file (its full path), and their entries, in one statement. */
		async removeEarlier(fileName: string): Promise<number> {
			const earlier = db
				.$with("earlier")
				.as(
					db
						.delete(passengerLoads)
						.where(eq(passengerLoads.fileName, fileName))
						.returning({ id: passengerLoads.id }),
				);
			const removed = await db
				.with(earlier)
				.delete(passengers)
				.where(inArray(passengers.loadId, db.select({ id: earlier.id }).from(earlier)));
			return removed.rowCount ?? 0;
		},

		/** A new entry, with 0 rows until the load has counted them. */
		async record(sha256: string, fileName: string): Promise<number> {
			const [entry] = await db
				.insert(passengerLoads)
				.values({ sha256, fileName, rows: 0 })
				.returning({ id: passengerLoads.id });
			return entry?.id ?? 0;
		},

		async setRows(id: number, rows: number): Promise<void> {
			await db.update(passengerLoads).set({ rows }).where(eq(passengerLoads.id, id));
		},
	};
}
