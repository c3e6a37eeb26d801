// Replaces zod's opt-in schema compiler (z.compile) in the worker bundle (see
// src/tools/trimmed-zod.ts): the API never calls it, and @hono/zod-openapi's use of zod's whole
// namespace would otherwise keep it.
const unavailable = () => {
	throw new Error("z.compile is left out of the worker bundle");
};
export const INVALID = Symbol.for("zod.compile.invalid");
export class ZodCompileAsyncError extends Error {}
export class ZodCompileUnsupportedError extends Error {}
export const compile = unavailable;
export const withParser = unavailable;
export const compileFn = unavailable;
