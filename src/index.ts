import { createEdge } from "./lib/create-edge";
import { isPlainPersonRead, personRecords } from "./routes/people/people.records";

export type { AppType } from "./api";

// The worker: the edge answers what its read cache can; the API, loaded only when needed
// (a dynamic import the bundler keeps in the one bundle, evaluated on first use), the rest.
// A plain read of one person loads a part of it without zod or the routes: that read is
// the one a cold isolate most often has to take to the database.
export default createEdge({
	records: personRecords,
	parts: [{ takes: isPlainPersonRead, load: () => import("./person-read") }],
	api: () => import("./api"),
});
