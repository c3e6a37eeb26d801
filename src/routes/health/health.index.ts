import { createRouter } from "../../lib/create-app";
import * as handlers from "./health.handlers";
import * as routes from "./health.routes";

export default createRouter().openapi(routes.alive, handlers.alive).openapi(routes.ready, handlers.ready);
