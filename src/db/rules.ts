// The rules a passenger obeys, shared by the database constraints (schema.ts) and the
// API's zod schemas, so the two cannot drift apart.
export const SEXES = ["male", "female", "other"] as const;
export const NAME_MAX_LENGTH = 100;
export const PASSENGER_CLASSES = [1, 2, 3] as const;
