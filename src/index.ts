import { createEdge } from "./lib/create-edge";
import { isAliveCheck } from "./routes/health/health.alive";
import { isPlainPersonRead, personRecords } from "./routes/people/people.records";

export type { AppType } from "./api";

// The worker: the edge answers what its read cache can; the API, loaded only when needed
// (a dynamic import the bundler keeps in the one bundle, evaluated on first use), the rest.
// Two requests load a part of it instead, without zod or the routes: a plain read of one
// person, the one a cold isolate most often has to take to the database, and a liveness
// check, which monitors send to every location and which needs nothing else.
export default createEdge({
	records: personRecords,
	parts: [
		{ takes: isPlainPersonRead, load: () => import("./person-read") },
		{ takes: isAliveCheck, load: () => import("./alive") },
	],
	api: () => import("./api"),
});
