// Before each test file in workerd. The files share one workerd and its imports (vitest's
// isolate: false, vitest.config.ts), so each starts with:
// - the API (src/api.ts) evaluated, as importing the worker did before the edge began to
//   load it on the first request past the read cache: a file's first test then spends its
//   timeout on the test, not on evaluating zod, drizzle and the routes (seconds under
//   coverage's instrumentation);
// - no list that another file left in the read cache: a new generation retires them all, as a
//   write does (src/lib/edge-cache/keys.ts).
import { beforeAll } from "vitest";
import "../src/api";
import { newGeneration } from "../src/lib/edge-cache/keys";

beforeAll(() => newGeneration(caches.default));
