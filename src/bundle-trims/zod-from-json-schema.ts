// Replaces zod's JSON Schema importer (z.fromJSONSchema) in the worker bundle (see
// src/tools/trimmed-zod.ts): the API never calls it.
export function fromJSONSchema(): never {
	throw new Error("z.fromJSONSchema is left out of the worker bundle");
}
