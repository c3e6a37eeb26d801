import { createRouter } from "../../lib/create-app";
import { alive } from "./health.alive";
import * as handlers from "./health.handlers";
import * as routes from "./health.routes";

export default createRouter().openapi(routes.alive, alive).openapi(routes.ready, handlers.ready);
