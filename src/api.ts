import { configureOpenAPI } from "./lib/configure-open-api";
import { createApp } from "./lib/create-app";
import { answerOtherMethods } from "./lib/method-not-allowed";
import health from "./routes/health/health.index";
import index from "./routes/index/index.index";
import { MAX_BULK_BODY_BYTES } from "./routes/people/people.create";
import people from "./routes/people/people.index";

// What the read cache does not answer (src/index.ts loads this on the first such request).
const app = createApp({ largerBodies: { "POST /people": MAX_BULK_BODY_BYTES } });
configureOpenAPI(app);
// Chained, so that the routes' types add up: AppType is what hono's typed client reads.
const routes = app.route("/", index).route("/", health).route("/", people);
answerOtherMethods(app);

/** The API's routes as types, for hono's `hc` client: `hc<AppType>(baseUrl)`. */
export type AppType = typeof routes;

export default app;
