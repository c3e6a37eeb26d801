import type { Context } from "hono";
import type { NewPerson, Person, PersonPatch } from "../../db/person.schemas";
import { requestDb } from "../../lib/db";
import { showState } from "../../lib/db-state";
import { sha256Hex } from "../../lib/idempotency-key";
import { vary } from "../../lib/negotiate";
import { preferred, RETURN_PREFERENCES, type ReturnPreference } from "../../lib/prefer";
import { problem } from "../../lib/problem";
import type { AppRouteHandler } from "../../lib/types";
import { BULK_PEOPLE_PER_UNIT, createPeople, IDEMPOTENCY_KEY_HOURS } from "./people.create";
import { personEtag, versionsIn } from "./people.etag";
import { notFound } from "./people.read-one";
import { deletePerson, updatePerson, type Versioned } from "./people.repository";
import type { CreateRoute, PatchRoute, RemoveRoute, ReplaceRoute } from "./people.write-routes";

/** The `return` a write's Prefer asks for, said back in Preference-Applied. */
function returnPreference(c: Context): ReturnPreference | undefined {
	const preference = preferred(c.req.header("Prefer"), "return", RETURN_PREFERENCES);
	if (preference) c.header("Preference-Applied", `return=${preference}`);
	vary(c, "Prefer");
	return preference;
}

const bodiless = (preference: ReturnPreference | undefined) =>
	preference === "minimal" || preference === "headers-only";

/**
 * A write's answer as the client prefers it: the person (`representation`), or no body
 * (`bodiless`: 204 for an update, 201 for a create) with the ETag (`headers-only`) or without
 * it (`minimal`). Every answer keeps the bookmark, and a create its Location. Typed as
 * never: a bodiless answer is outside the JSON that the routes' types promise.
 */
function answer(
	c: Context,
	preference: ReturnPreference | undefined,
	written: Versioned,
	status: 200 | 201,
): never {
	if (preference !== "minimal") c.header("ETag", personEtag(written.version));
	if (bodiless(preference)) return c.body(null, status === 201 ? 201 : 204) as never;
	return c.json(written.person, status) as never;
}

export const create: AppRouteHandler<CreateRoute> = async (c) => {
	// Typed with the CSV body's string too, which csvBody has turned into the JSON array by now.
	const body = c.req.valid("json") as NewPerson | NewPerson[];
	const key = c.req.valid("header")["idempotency-key"];
	const people = Array.isArray(body) ? body : [body];
	// The write budget counts people, roughly: a thousand in one request are not one write.
	c.set("writeUnits", Math.ceil(people.length / BULK_PEOPLE_PER_UNIT));
	const created = await createPeople(
		requestDb(c),
		people,
		key === undefined
			? undefined
			: {
					// The caller is its token: keys of different tokens never meet, and no token is stored.
					scope: await sha256Hex(c.req.header("Authorization") ?? ""),
					key,
					fingerprint: await sha256Hex(`POST /people\n${JSON.stringify(body)}`),
				},
	);
	if (created.outcome === "taken") {
		return problem(c, 409, `a person with uuid ${created.uuid} already exists; nothing was written`);
	}
	if (created.outcome === "in-flight") {
		return problem(
			c,
			409,
			"a request with this Idempotency-Key is still being written; retry once it has answered",
		);
	}
	if (created.outcome === "key-reused") {
		return problem(
			c,
			422,
			`this Idempotency-Key came with another request in the last ${IDEMPOTENCY_KEY_HOURS} hours; a new request needs a new key`,
		);
	}
	showState(c, created.state);
	const preference = returnPreference(c);
	if (created.replayed) c.header("Idempotent-Replayed", "true");
	const [one] = created.people;
	if (!Array.isArray(body) && one) {
		c.header("Location", `/people/${one.person.uuid}`);
		return answer(c, preference, one, 201);
	}
	if (bodiless(preference)) return c.body(null, 201) as never;
	return c.json(
		created.people.map((p): Person => p.person),
		201,
	);
};

/** The answer to a conditional write that did not happen: 404, or 412 when the person has changed. */
function notDone(c: Context, uuid: string, outcome: "not-found" | "changed") {
	if (outcome === "not-found") return problem(c, 404, notFound(uuid));
	return problem(c, 412, "the person has changed: If-Match does not name its current ETag; GET it again");
}

export const replace: AppRouteHandler<ReplaceRoute> = async (c) => {
	const { uuid } = c.req.valid("param");
	const { uuid: bodyUuid, ...fields } = c.req.valid("json");
	// A uuid is the same in any case, as Postgres compares it.
	if (bodyUuid !== undefined && bodyUuid.toLowerCase() !== uuid.toLowerCase()) {
		return problem(c, 400, "invalid request body: uuid", {
			errors: [{ path: "uuid", message: "cannot change: must equal the uuid in the path" }],
		});
	}
	return update(c, uuid, fields);
};

export const patch: AppRouteHandler<PatchRoute> = async (c) =>
	update(c, c.req.valid("param").uuid, c.req.valid("json"));

/** PUT's and PATCH's write: under the request's If-Match, answered as it prefers. */
async function update(c: Context, uuid: string, fields: Omit<NewPerson, "uuid"> | PersonPatch) {
	const versions = versionsIn(c.req.header("If-Match"));
	const written = await updatePerson(requestDb(c), uuid, fields, versions);
	if (written.outcome !== "done") return notDone(c, uuid, written.outcome);
	showState(c, written.result.state);
	return answer(c, returnPreference(c), written.result, 200);
}

export const remove: AppRouteHandler<RemoveRoute> = async (c) => {
	const { uuid } = c.req.valid("param");
	const versions = versionsIn(c.req.valid("header")["if-match"]);
	const deleted = await deletePerson(requestDb(c), uuid, versions);
	if (deleted.outcome !== "done") return notDone(c, uuid, deleted.outcome);
	showState(c, deleted.result.state);
	// Who was deleted, when asked; by default nothing, as before.
	if (returnPreference(c) === "representation") return c.json(deleted.result.person, 200);
	return c.body(null, 204);
};
