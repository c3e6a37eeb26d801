import { Hono } from "hono/quick";
import { behindTheEdge } from "./lib/behind-the-edge";
import { databaseFailureOf } from "./lib/database-failures";
import type { AppBindings } from "./lib/types";
import { answerPerson } from "./routes/people/people.read-one";

// What src/index.ts loads, instead of the API, for a plain read of one person (see
// isPlainPersonRead): the answer of the API's GET /people/{uuid}, without zod, the routes or
// their schemas, which this read does not need. The edge has matched the uuid with the
// route's own pattern and checked the bookmark; there is no parameter or body to read.
// On hono's preset for short-lived apps, as the edge (create-edge.ts): no router to build.
const app = behindTheEdge(new Hono<AppBindings>({ strict: true }), { failureOf: databaseFailureOf });

app.get("/people/:uuid", (c) =>
	answerPerson(c, c.req.param("uuid"), { json: (person) => c.json(person, 200) }),
);

export default app;
