import { sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import {
	bigint,
	boolean,
	check,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgSequence,
	pgTable,
	primaryKey,
	smallint,
	text,
	timestamp,
	uuid,
} from "drizzle-orm/pg-core";
import { AGE_MAX, FARE_MAX, NAME_PATTERN, SEXES } from "./rules";

export const passengerVersions = pgSequence("passenger_versions");

export const passengers = pgTable(
	"passengers",
	{
		// Internal and never exposed: its only job is to keep the list in insertion (CSV) order.
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		uuid: uuid().notNull().unique().defaultRandom(),
		survived: boolean().notNull().default(false),
		passengerClass: smallint().notNull(),
		name: text().notNull(),
		sex: text({ enum: SEXES }).notNull(),
		// float8, not numeric: the Neon driver returns numeric as a string.
		age: doublePrecision().notNull(),
		siblingsOrSpousesAboard: integer().notNull(),
		parentsOrChildrenAboard: integer().notNull(),
		fare: doublePrecision().notNull(),
		// The passenger_loads entry of the CSV load that brought the row in; null for rows
		// made through the API. No foreign key: a per-row check would slow bulk COPY, and
		// only the loader writes it, inside the same transaction as its ledger entry.
		loadId: integer(),
		// Which state of the row this is: unique across rows and time (a sequence), advanced
		// by every write. A person's ETag is made from it, so If-Match is checked in the
		// UPDATE or DELETE itself.
		version: bigint({ mode: "number" }).notNull().default(sql`nextval('passenger_versions')`),
	},
	(t) => [
		check("passengers_passenger_class_check", sql`${t.passengerClass} between 1 and 3`),
		check("passengers_name_check", sql`${t.name} ~ ${sql.raw(`'${NAME_PATTERN}'`)}`),
		check("passengers_sex_check", sql`${t.sex} in (${sql.raw(SEXES.map((s) => `'${s}'`).join(", "))})`),
		// float8 accepts 'NaN' and 'Infinity', which Postgres sorts above every finite number: the
		// upper bounds keep them out too.
		check("passengers_age_check", sql`${t.age} between 0 and ${sql.raw(String(AGE_MAX))}`),
		check("passengers_fare_check", sql`${t.fare} between 0 and ${sql.raw(String(FARE_MAX))}`),
		check("passengers_siblings_or_spouses_aboard_check", sql`${t.siblingsOrSpousesAboard} >= 0`),
		check("passengers_parents_or_children_aboard_check", sql`${t.parentsOrChildrenAboard} >= 0`),
		// The fields a list can be sorted by, each with two indexes, (field, id) and (field DESC,
		// id): ties keep insertion order in both directions, and a keyset page starts with one
		// index descent at any depth. DESC NULLS FIRST is what `ORDER BY … DESC` means, so the
		// planner matches it (the columns are NOT NULL, but the planner does not use that).
		// uuid is unique: its own index needs no tie-breaker.
		...sortedWithTies(t).flatMap((field) => [
			index(`passengers_${toSnakeCase(field)}_id_idx`).on(t[field].asc(), t.id.asc()),
			index(`passengers_${toSnakeCase(field)}_desc_id_idx`).on(t[field].desc().nullsFirst(), t.id.asc()),
		]),
		// For lists filtered by class and sex (with or without survived), whose combinations can be
		// rare where each value alone is common (first-class women): the matches are read here
		// and sorted, rather than found by walking a sort index that holds few of them.
		index("passengers_class_sex_survived_idx").on(t.passengerClass, t.sex, t.survived),
		// Trigram index for the name search (ILIKE '%…%'); pg_trgm is created by the migration.
		index("passengers_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
	],
);

/** Every column of a person but uuid, which is unique: the internal columns are not fields. */
function sortedWithTies<T extends object>(columns: T) {
	const notFields = new Set(["id", "uuid", "loadId", "version"]);
	return (Object.keys(columns) as (keyof T & string)[]).filter((column) => !notFields.has(column));
}

/**
 * How many people there are per combination of survived, class, sex and age, kept current by
 * triggers on passengers in the writing transaction itself (drizzle/0007_age_tallies.sql), so
 * that statistics filtered by those fields, an age range included, read a couple of thousand
 * rows at any table size (ages repeat: the 887 passengers have 88, a million synthetic ones
 * 196). A combination with nobody in it has no row.
 */
export const passengerAgeTallies = pgTable(
	"passenger_age_tallies",
	{
		survived: boolean().notNull(),
		passengerClass: smallint().notNull(),
		sex: text({ enum: SEXES }).notNull(),
		age: doublePrecision().notNull(),
		people: integer().notNull(),
	},
	(t) => [primaryKey({ columns: [t.survived, t.passengerClass, t.sex, t.age] })],
);

/**
 * The same by age band (the decade), which releases before migration 0007 read; its triggers
 * (0005) keep it while they may still run. The migration after the next release drops it
 * (docs/operating.md, runbook: expand, then contract).
 */
export const passengerTallies = pgTable(
	"passenger_tallies",
	{
		survived: boolean().notNull(),
		passengerClass: smallint().notNull(),
		sex: text({ enum: SEXES }).notNull(),
		ageBand: integer().notNull(),
		people: integer().notNull(),
	},
	(t) => [primaryKey({ columns: [t.survived, t.passengerClass, t.sex, t.ageBand] })],
);

/**
 * The answers of creates that carried an Idempotency-Key: a retry with the same key and body
 * gets the first answer again instead of creating twice. A row is written in the same
 * transaction as the people it answers for, so no other request ever sees one unanswered;
 * rows older than IDEMPOTENCY_KEY_HOURS (people.idempotency.ts) count as absent and are purged.
 */
export const idempotencyKeys = pgTable(
	"idempotency_keys",
	{
		// Whose key: a digest of the caller's bearer token (empty without one), never the token.
		scope: text().notNull(),
		key: text().notNull(),
		// A digest of the request (method, path and body), to tell a retry from another request.
		fingerprint: text().notNull(),
		answer: jsonb(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		primaryKey({ columns: [t.scope, t.key] }),
		index("idempotency_keys_created_at_idx").on(t.createdAt),
	],
);
