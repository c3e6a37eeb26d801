import type { Context } from "hono";
import type { Person } from "../../db/person.schemas";
import { requestDb } from "../../lib/db";
import { showState } from "../../lib/db-state";
import { problem } from "../../lib/problem";
import type { AppBindings } from "../../lib/types";
import { personEtag } from "./people.etag";
import { findPerson } from "./people.repository";
import type { Selection } from "./people.select";

// Without zod: the edge's plain read of a person (src/person-read.ts) answers with this too.

export const notFound = (uuid: string) => `no person has uuid ${uuid}`;

/**
 * GET /people/{uuid}, in one statement: the person as `answer` represents it, with the ETag
 * of that representation (the page or the JSON, and the fields selected) and the bookmark of
 * the state it shows; the 404 problem when no person has the uuid.
 */
export async function answerPerson<Answer>(
	c: Context<AppBindings>,
	uuid: string,
	representation: { html: boolean; select?: Selection },
	answer: (person: Person) => Answer,
) {
	const { found, state } = await findPerson(requestDb(c, { reads: true }), uuid);
	showState(c, state);
	if (!found) return problem(c, 404, notFound(uuid));
	c.header("ETag", personEtag(found.version, representation.html, representation.select));
	return answer(found.person);
}
