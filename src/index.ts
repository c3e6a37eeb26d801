import { configureOpenAPI } from "./lib/configure-open-api";
import { createApp } from "./lib/create-app";
import { answerOtherMethods } from "./lib/method-not-allowed";
import index from "./routes/index/index.index";
import people from "./routes/people/people.index";

const app = createApp();
configureOpenAPI(app);
for (const routes of [index, people]) app.route("/", routes);
answerOtherMethods(app);

export default app;
