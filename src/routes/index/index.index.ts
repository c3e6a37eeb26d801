import { createRouter } from "../../lib/create-app";
import * as handlers from "./index.handlers";
import * as routes from "./index.routes";

export default createRouter().openapi(routes.landing, handlers.landing);
