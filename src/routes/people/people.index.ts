import { createRouter } from "../../lib/create-app";
import type { Records } from "../../lib/edge-cache";
import { versionOfEtag } from "./people.etag";
import * as handlers from "./people.handlers";
import * as routes from "./people.routes";
import * as writeRoutes from "./people.write-routes";
import * as writes from "./people.writes";

export default createRouter()
	.openapi(routes.list, handlers.list)
	// Before /people/{uuid}, which would take "stats" for a malformed uuid.
	.openapi(routes.stats, handlers.stats)
	.openapi(writeRoutes.create, writes.create)
	.openapi(routes.getOne, handlers.getOne)
	.openapi(writeRoutes.replace, writes.replace)
	.openapi(writeRoutes.patch, writes.patch)
	.openapi(writeRoutes.remove, writes.remove);

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
