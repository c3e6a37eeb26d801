// Creating people, one or up to MAX_BULK_PEOPLE: one INSERT, so all or nothing, and with an
// Idempotency-Key one batch that claims the key, writes and stores the answer: still one
// round trip to Neon.
import { type SQL, sql } from "drizzle-orm";
import { PASSENGER_COLUMN_LIST, PASSENGER_FIELDS } from "../../db/passenger-fields";
import type { NewPerson, Person } from "../../db/person.schemas";
import { idempotencyKeys, passengers } from "../../db/schema";
import type { DbState } from "../../lib/bookmark";
import { duplicateValueOf, sqlStateOf } from "../../lib/database-errors";
import type { Db } from "../../lib/db";
import { snapshotColumn, writeState, xidColumn } from "../../lib/db-state";
import { type Versioned, versioned, versionedJson } from "./people.repository";

/** The most people one request creates. */
export const MAX_BULK_PEOPLE = 1000;
/** A bulk create spends one unit of the write budget per this many people (a single create one). */
export const BULK_PEOPLE_PER_UNIT = 100;
/** POST /people's body limit: room for MAX_BULK_PEOPLE people as JSON (about 250 bytes each). */
export const MAX_BULK_BODY_BYTES = 512 * 1024;
/** How long a key's answer is kept, and replayed. */
export const IDEMPOTENCY_KEY_HOURS = 24;
/** How long a request waits for its twin (the same key, still being written) before it is a 409. */
export const IDEMPOTENCY_WAIT_MS = 250;

/** A caller's key: whose (scope), the key, and what it was sent with (fingerprint). */
export interface IdempotencyKey {
	scope: string;
	key: string;
	fingerprint: string;
}

export type CreateOutcome =
	| { outcome: "created"; people: Versioned[]; state: DbState; replayed: boolean }
	| { outcome: "taken"; uuid: string }
	| { outcome: "key-reused" }
	| { outcome: "in-flight" };

/** The answer to a create as the statement builds it, and as a key keeps it. */
interface Answer {
	people: (Person & { version: number })[];
	xid: string;
	snapshot: string;
}

/**
 * The INSERT of `people` in their order (so the list's insertion order is theirs), from one
 * JSON parameter however many there are; a uuid left out is drawn by Postgres. `guard`
 * decides, in the same statement, whether anything is written.
 */
function insertStatement(people: NewPerson[], guard?: SQL) {
	const rows = people.map((person) => ({
		uuid: person.uuid ?? null,
		...Object.fromEntries(PASSENGER_FIELDS.map((f) => [f.column, person[f.field]])),
	}));
	const from = sql.raw(PASSENGER_FIELDS.map((f) => `r.${f.column}`).join(", "));
	return sql`insert into ${passengers} (uuid, ${sql.raw(PASSENGER_COLUMN_LIST)})
		select coalesce(r.uuid, gen_random_uuid()), ${from}
		from json_populate_recordset(null::passengers, ${JSON.stringify(rows)}::json) with ordinality as r
		${guard ? sql`where ${guard}` : sql``}
		order by r.ordinality
		returning id, ${versionedJson} as result, ${xidColumn} as xid`;
}

// The created people's answer, from the INSERT's rows (`created`): null when it wrote none.
const answerOf = sql`(select json_build_object('people', json_agg(result order by id), 'xid', min(xid),
	'snapshot', ${snapshotColumn}) from created having count(*) > 0)`;

const lockTimeout = (ms: number) => sql`select set_config('lock_timeout', ${String(ms)}, true)`;

/**
 * Claims the key, unless it is taken and younger than IDEMPOTENCY_KEY_HOURS. A twin still
 * being written holds the key's row: this waits for it at most IDEMPOTENCY_WAIT_MS.
 */
function claim({ scope, key, fingerprint }: IdempotencyKey) {
	return sql`insert into ${idempotencyKeys} (scope, key, fingerprint) values (${scope}, ${key}, ${fingerprint})
		on conflict (scope, key) do update set fingerprint = excluded.fingerprint, answer = null, created_at = now()
		where ${idempotencyKeys.createdAt} < now() - make_interval(hours => ${IDEMPOTENCY_KEY_HOURS})`;
}

/**
 * Writes the people only if this transaction claimed the key (its answer is still null), and
 * stores the answer with the key; says what the key held. Expired keys are purged a few at a
 * time on the way, so the table stays as small as a day's keys.
 */
function writeClaimed(people: NewPerson[], { scope, key, fingerprint }: IdempotencyKey) {
	const mine = sql`scope = ${scope} and key = ${key}`;
	const claimed = sql`exists (select 1 from claimed where answer is null and fingerprint = ${fingerprint})`;
	return sql`with claimed as (select fingerprint, answer from ${idempotencyKeys} where ${mine}),
		created as (${insertStatement(people, claimed)}),
		answered as (select ${answerOf} as answer),
		stored as (update ${idempotencyKeys} set answer = (select answer from answered)
			where ${mine} and (select answer from answered) is not null),
		purged as (delete from ${idempotencyKeys} where ctid in (select ctid from ${idempotencyKeys}
			where created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEY_HOURS}) limit 100))
		select (select answer from answered) as fresh, (select answer from claimed) as earlier,
			(select fingerprint from claimed) as fingerprint`;
}

const created = (answer: Answer, replayed: boolean): CreateOutcome => ({
	outcome: "created",
	people: answer.people.map(versioned),
	state: writeState(answer),
	replayed,
});

/** Creates the people, all or none, in one round trip; with a key, at most once per key and request. */
export async function createPeople(
	db: Db,
	people: NewPerson[],
	key?: IdempotencyKey,
): Promise<CreateOutcome> {
	try {
		if (!key) {
			const { rows } = await db.execute<{ answer: Answer }>(
				sql`with created as (${insertStatement(people)}) select ${answerOf} as answer`,
			);
			return created(rows[0]?.answer as Answer, false);
		}
		const results = await db.batch([
			db.execute(lockTimeout(IDEMPOTENCY_WAIT_MS)),
			db.execute(claim(key)),
			db.execute(lockTimeout(0)),
			db.execute<{ fresh: Answer | null; earlier: Answer | null; fingerprint: string }>(
				writeClaimed(people, key),
			),
		]);
		const [row] = results[3].rows;
		if (row?.fresh) return created(row.fresh, false);
		if (row?.earlier && row.fingerprint === key.fingerprint) return created(row.earlier, true);
		return { outcome: "key-reused" };
	} catch (error) {
		const uuid = duplicateValueOf(error);
		if (uuid) return { outcome: "taken", uuid };
		// lock_not_available: the twin held the key past IDEMPOTENCY_WAIT_MS.
		if (sqlStateOf(error) === "55P03") return { outcome: "in-flight" };
		throw error;
	}
}
