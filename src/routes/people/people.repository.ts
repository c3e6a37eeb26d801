import { and, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import { PASSENGER_FIELDS } from "../../db/passenger-fields";
import type { NewPerson, Person, PersonPatch } from "../../db/person.schemas";
import { passengers } from "../../db/schema";
import type { DbState } from "../../lib/bookmark";
import type { Db } from "../../lib/db";
import { readWithState, snapshotColumn, writeState, xidColumn } from "../../lib/db-state";

// Each function is one SQL statement or one batch: one round trip to Neon per request.

// What the API shows of a row: everything but the internal order key, load bookkeeping
// and row version (which the ETag carries).
const { id: _id, loadId: _loadId, version: _version, ...columns } = getTableColumns(passengers);
export const personColumns = columns;

/** A person as stored, with the version of the row that its ETag is made from. */
export interface Versioned {
	person: Person;
	version: number;
}

/** A person as a write left it, and the state of the database after the write. */
export interface Written extends Versioned {
	state: DbState;
}

// The row as one JSON object with the API's field names, so that a statement built around
// an INSERT, UPDATE or DELETE can hand it back as one value.
export const versionedJson = sql.raw(
	`json_build_object('uuid', uuid, ${PASSENGER_FIELDS.map((f) => `'${f.field}', ${f.column}`).join(", ")}, 'version', version)`,
);

export function versioned({ version, ...person }: Person & { version: number }): Versioned {
	return { person, version };
}

/** The person, if there is one, and the state of the database the answer shows (`db` made with `reads`). */
export async function findPerson(db: Db, uuid: string): Promise<{ found?: Versioned; state: DbState }> {
	const select = db
		.select({ ...personColumns, version: passengers.version })
		.from(passengers)
		.where(eq(passengers.uuid, uuid));
	const {
		results: [[row]],
		state,
	} = await readWithState(db, [select]);
	return { found: row && versioned(row), state };
}

/**
 * What a conditional write found: done, no such person, or a person whose version is not
 * one the client named in If-Match (`versions`; undefined = no condition).
 */
export type WriteOutcome<T> =
	| { outcome: "done"; result: T }
	| { outcome: "not-found" }
	| { outcome: "changed" };

// The version is checked on the target row itself: under concurrent writes Postgres re-checks
// it against the row as the other write left it, so of two writes naming one version one wins.
function matches(uuid: string, versions: number[] | undefined): SQL | undefined {
	return and(eq(passengers.uuid, uuid), versions && inArray(passengers.version, versions));
}

// Whether the person exists, read in the same statement (its snapshot precedes the write).
const exists = (uuid: string) => sql`exists (select 1 from ${passengers} where ${passengers.uuid} = ${uuid})`;

/** What the final select of a conditional write statement reads. */
type WriteRow<R> = {
	result: R | null;
	found: boolean;
	snapshot: string;
	xid: string | null;
};

// The write's own transaction id is read from its RETURNING, where the row has been written.
const written = (
	changed: SQL,
) => sql`(select result from ${changed}) as result, ${snapshotColumn} as snapshot,
	(select xid from ${changed}) as xid`;

/**
 * A person the statement saw but did not write was changed under it, which only a condition
 * (If-Match) can refuse; without one, it was deleted by a write that committed first.
 */
function outcomeOf<R, T>(
	row: WriteRow<R> | undefined,
	conditional: boolean,
	read: (result: R, state: DbState) => T,
): WriteOutcome<T> {
	if (row?.result && row.xid)
		return { outcome: "done", result: read(row.result, writeState({ ...row, xid: row.xid })) };
	return row?.found && conditional ? { outcome: "changed" } : { outcome: "not-found" };
}

/** Updates the fields and advances the version, if the condition holds: one statement that also tells 404 from 412. */
export async function updatePerson(
	db: Db,
	uuid: string,
	fields: Omit<NewPerson, "uuid"> | PersonPatch,
	versions?: number[],
): Promise<WriteOutcome<Written>> {
	const update = db
		.update(passengers)
		.set({ ...fields, version: sql`nextval('passenger_versions')` })
		.where(matches(uuid, versions))
		.returning({ result: versionedJson.as("result"), xid: xidColumn.as("xid") });
	// drizzle puts an embedded statement in parentheses, as WITH … AS needs.
	const { rows } = await db.execute<WriteRow<Person & { version: number }>>(
		sql`with changed as ${update} select ${written(sql`changed`)}, ${exists(uuid)} as found`,
	);
	return outcomeOf(rows[0], versions !== undefined, (row, state) => ({ ...versioned(row), state }));
}

/** Deletes the person if the condition holds: one statement that also tells 404 from 412, and says who it was. */
export async function deletePerson(
	db: Db,
	uuid: string,
	versions?: number[],
): Promise<WriteOutcome<Written>> {
	const remove = db
		.delete(passengers)
		.where(matches(uuid, versions))
		.returning({ result: versionedJson.as("result"), xid: xidColumn.as("xid") });
	const { rows } = await db.execute<WriteRow<Person & { version: number }>>(
		sql`with gone as ${remove} select ${written(sql`gone`)}, ${exists(uuid)} as found`,
	);
	return outcomeOf(rows[0], versions !== undefined, (row, state) => ({ ...versioned(row), state }));
}
