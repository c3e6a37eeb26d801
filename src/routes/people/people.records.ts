import type { Context } from "hono";
import { UUID_PATTERN } from "../../db/rules";
import type { Records } from "../../lib/edge-cache";
import { preferredType } from "../../lib/negotiate";
import { versionOfEtag } from "./people.etag";

// Apart from the routes: the read cache, which every request meets, needs only this.

// The uuid as the route takes it (any case); "people" only as the router matches it.
const PERSON_PATH = new RegExp(`^/people/(${UUID_PATTERN})$`);

/** People, as the read cache knows them. */
export const personRecords: Records = {
	// The person a path addresses, any case of the uuid alike.
	of(path) {
		const uuid = PERSON_PATH.exec(path)?.[1];
		return uuid ? `/people/${uuid.toLowerCase()}` : null;
	},
	partial: (url) => Boolean(url.searchParams.get("select")),
	versionOf: versionOfEtag,
	answersCsv: (path) => path === "/people",
};

/**
 * A read of one person's whole JSON (GET or HEAD, no `select`, not a browser's): what
 * src/person-read.ts answers without the API's routes.
 */
export function isPlainPersonRead(c: Context): boolean {
	return (
		(c.req.method === "GET" || c.req.method === "HEAD") &&
		personRecords.of(c.req.path) !== null &&
		!personRecords.partial(new URL(c.req.url)) &&
		preferredType(c) === "application/json"
	);
}
