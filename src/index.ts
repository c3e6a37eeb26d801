import { createApp } from "./lib/create-app";
import people from "./routes/people/people.index";

const app = createApp().route("/", people);

export default app;
