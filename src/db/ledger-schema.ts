import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Apart from schema.ts so that the worker, which never reads the ledger, does not bundle it.

/** The CSV loader's ledger: one row per file loaded, so a rerun is a no-op and --replace knows what to swap. */
export const passengerLoads = pgTable("passenger_loads", {
	id: integer().primaryKey().generatedAlwaysAsIdentity(),
	sha256: text().notNull().unique(),
	fileName: text().notNull(),
	rows: integer().notNull(),
	loadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
