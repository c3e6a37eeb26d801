import type { Context } from "hono";
import type { Person } from "../../db/person.schemas";
import { requestDb } from "../../lib/db";
import { showState } from "../../lib/db-state";
import { prefersHtml } from "../../lib/negotiate";
import { problem } from "../../lib/problem";
import type { AppBindings } from "../../lib/types";
import { personEtag } from "./people.etag";
import { findPerson } from "./people.repository";
import type { Selection } from "./people.select";

// Without zod: the edge's plain read of a person (src/person-read.ts) answers with this too.

export const notFound = (uuid: string) => `no person has uuid ${uuid}`;

/**
 * GET /people/{uuid}, in one statement: the person as `json` represents it, or as `page` does
 * for a browser's Accept (the answer varies by Accept either way), with the ETag of that
 * representation and of the fields selected, and the bookmark of the state it shows; the
 * 404 problem when no person has the uuid.
 */
export async function answerPerson<Json, Page>(
	c: Context<AppBindings>,
	uuid: string,
	answer: { select?: Selection; json: (person: Person) => Json; page?: (person: Person) => Page },
) {
	const page = prefersHtml(c) ? answer.page : undefined;
	const { found, state } = await findPerson(requestDb(c, { reads: true }), uuid);
	showState(c, state);
	if (!found) return problem(c, 404, notFound(uuid));
	c.header("ETag", personEtag(found.version, page !== undefined, answer.select));
	return page ? page(found.person) : answer.json(found.person);
}
