// Evaluates the API (src/api.ts) before each test file's tests, as importing the worker did
// before the edge began to load it on the first request past the read cache: a file's first
// test then spends its timeout on the test, not on evaluating zod, drizzle and the routes
// (seconds under coverage's instrumentation).
import "../src/api";
