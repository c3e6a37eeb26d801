import { createRouter } from "../../lib/create-app";
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
