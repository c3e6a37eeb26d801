import { configureOpenAPI } from "./lib/configure-open-api";
import { createApp } from "./lib/create-app";
import { answerOtherMethods } from "./lib/method-not-allowed";
import health from "./routes/health/health.index";
import index from "./routes/index/index.index";
import people, { personRecord } from "./routes/people/people.index";

const app = createApp({ recordOf: personRecord });
configureOpenAPI(app);
for (const routes of [index, health, people]) app.route("/", routes);
answerOtherMethods(app);

export default app;
