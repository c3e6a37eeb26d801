import type { Records } from "../../lib/edge-cache";
import { versionOfEtag } from "./people.etag";

// Apart from the routes: the read cache, which every request meets, needs only this.

// The uuid in any case, as the route takes it; "people" only as the router matches it.
const PERSON_PATH =
	/^\/people\/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

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
