/**
 * What a stored answer may be used for, in seconds since it was stored (config.ts checks
 * the settings): answered as it is while `fresh`; answered at once while `stale`, with a
 * refresh in the background; answered instead of an error up to `ifError`.
 */
export interface Lifetimes {
	fresh: number;
	stale: number;
	ifError: number;
}

/** The settings the lifetimes are read from: the worker's env, or a benchmark's vars. */
type LifetimeSettings = Record<
	"CACHE_TTL_SECONDS" | "CACHE_STALE_SECONDS" | "CACHE_STALE_IF_ERROR_SECONDS",
	string
>;

export function lifetimesOf(env: LifetimeSettings): Lifetimes {
	return {
		fresh: Number(env.CACHE_TTL_SECONDS),
		stale: Number(env.CACHE_STALE_SECONDS),
		ifError: Number(env.CACHE_STALE_IF_ERROR_SECONDS),
	};
}

/** How long the cache keeps an answer: as long as any use of it lasts. */
export function retentionOf({ fresh, stale, ifError }: Lifetimes): number {
	return Math.max(fresh + stale, ifError);
}

export type Use = "fresh" | "stale" | "if-error" | "expired";

/** What an answer `age` seconds old may be used for. */
export function useAt(age: number, { fresh, stale, ifError }: Lifetimes): Use {
	if (age < fresh) return "fresh";
	if (age < fresh + stale) return "stale";
	return age < ifError ? "if-error" : "expired";
}

/**
 * How long a read whose stored answer may stand in for an error waits for the database
 * before it answers with the stored one (the database's answer still refreshes the cache
 * when it comes). Neon wakes a suspended compute in a few hundred milliseconds and the
 * farthest location is about 250 ms from it: a waking database still answers in time, a
 * dead or stuck one costs a reader one second instead of the query timeout's five.
 */
export const IF_ERROR_DEADLINE_MS = 1_000;
