import { Hono } from "hono/quick";
import { behindTheEdge } from "./lib/behind-the-edge";
import type { AppBindings } from "./lib/types";
import { ALIVE_PATH, alive } from "./routes/health/health.alive";

// What src/index.ts loads, instead of the API, for a liveness check (see isAliveCheck): the
// API's GET /healthz, without zod, the routes or the database driver, none of which it
// needs. Monitors probe it from everywhere, so it is often a cold isolate's first request.
const app = behindTheEdge(new Hono<AppBindings>({ strict: true }));

app.get(ALIVE_PATH, alive);

export default app;
