import { and, asc, count, desc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { NewPerson, Person, PersonPatch } from "../../db/person.schemas";
import { passengers } from "../../db/schema";
import type { Db } from "../../lib/db";
import type { ListQuery } from "./people.query";

// Each function is one SQL statement or one batch: one round trip to Neon per request.

// What the API shows of a row: everything but the internal order key and load bookkeeping.
const { id, loadId: _loadId, ...personColumns } = getTableColumns(passengers);

function filters(query: ListQuery): SQL | undefined {
	return and(
		query.survived === undefined ? undefined : eq(passengers.survived, query.survived),
		query.passengerClass === undefined ? undefined : eq(passengers.passengerClass, query.passengerClass),
		query.sex === undefined ? undefined : eq(passengers.sex, query.sex),
		// strpos, not LIKE: the search text needs no escaping of % and _.
		query.q === undefined ? undefined : sql`strpos(lower(${passengers.name}), lower(${query.q})) > 0`,
	);
}

function ordering(sort: string | undefined): SQL[] {
	if (!sort) return [asc(id)];
	const descending = sort.startsWith("-");
	const column = personColumns[(descending ? sort.slice(1) : sort) as keyof typeof personColumns];
	return [descending ? desc(column) : asc(column), asc(id)];
}

/** A page of people and the number matching the filters, in one batch. */
export async function listPeople(db: Db, query: ListQuery & { limit: number; offset: number }) {
	const where = filters(query);
	const [people, [totals]] = await db.batch([
		db
			.select(personColumns)
			.from(passengers)
			.where(where)
			.orderBy(...ordering(query.sort))
			.limit(query.limit)
			.offset(query.offset),
		db.select({ total: count() }).from(passengers).where(where),
	]);
	return { people: people as Person[], total: totals?.total ?? 0 };
}

export async function findPerson(db: Db, uuid: string): Promise<Person | undefined> {
	const [person] = await db.select(personColumns).from(passengers).where(eq(passengers.uuid, uuid));
	return person;
}

/** Inserts unless the uuid is taken; undefined then, so a retried create is a 409, not a duplicate. */
export async function insertPerson(db: Db, person: NewPerson): Promise<Person | undefined> {
	const [created] = await db
		.insert(passengers)
		.values(person)
		.onConflictDoNothing({ target: passengers.uuid })
		.returning(personColumns);
	return created;
}

export async function updatePerson(
	db: Db,
	uuid: string,
	fields: Omit<NewPerson, "uuid"> | PersonPatch,
): Promise<Person | undefined> {
	const [updated] = await db
		.update(passengers)
		.set(fields)
		.where(eq(passengers.uuid, uuid))
		.returning(personColumns);
	return updated;
}

export async function deletePerson(db: Db, uuid: string): Promise<boolean> {
	const deleted = await db
		.delete(passengers)
		.where(eq(passengers.uuid, uuid))
		.returning({ uuid: passengers.uuid });
	return deleted.length > 0;
}
