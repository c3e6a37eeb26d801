import { createRouter } from "../../lib/create-app";
import * as handlers from "./people.handlers";
import * as routes from "./people.routes";

export default createRouter()
	.openapi(routes.list, handlers.list)
	.openapi(routes.create, handlers.create)
	.openapi(routes.getOne, handlers.getOne)
	.openapi(routes.replace, handlers.replace)
	.openapi(routes.patch, handlers.patch)
	.openapi(routes.remove, handlers.remove);
