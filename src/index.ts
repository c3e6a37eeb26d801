import { createEdge } from "./lib/create-edge";
import { personRecords } from "./routes/people/people.records";

export type { AppType } from "./api";

// The worker: the edge answers what its read cache can; the API, loaded only when needed
// (a dynamic import the bundler keeps in the one bundle, evaluated on first use), the rest.
export default createEdge({ records: personRecords, api: () => import("./api") });
