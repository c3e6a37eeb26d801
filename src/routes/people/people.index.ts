import { createRouter } from "../../lib/create-app";
import * as handlers from "./people.handlers";
import * as routes from "./people.routes";

export default createRouter().openapi(routes.list, handlers.list);
