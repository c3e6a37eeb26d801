// Where the read cache keeps what. A record's answers (one person) are stored under the
// record's own keys, which a write to that record replaces or deletes. Every other answer
// (lists) is stored under the current generation; a write makes a new one, so after it no
// earlier list at this location is found again: lists cannot be purged one URL at a time.

// Cache keys are URLs; .invalid never resolves, so no key can collide with a real request.
const KEYS = "https://edge-cache.invalid";
const GENERATION_KEY = `${KEYS}/generation`;
// The generation is kept as long as the cache keeps anything. Should the cache drop it, a
// fresh random one takes its place: earlier answers are then orphaned, never revived.
const GENERATION_LIFETIME_SECONDS = 365 * 24 * 3600;

// The generation rides in a header of an empty entry: no body to read on every list hit.
const GENERATION_HEADER = "Generation";

export async function currentGeneration(cache: Cache): Promise<string> {
	const stored = await cache.match(GENERATION_KEY);
	return stored?.headers.get(GENERATION_HEADER) ?? newGeneration(cache);
}

/** Retires every generation-keyed answer at this location; awaited before a write answers. */
export async function newGeneration(cache: Cache): Promise<string> {
	const generation = crypto.randomUUID();
	const headers = {
		"Cache-Control": `max-age=${GENERATION_LIFETIME_SECONDS}`,
		[GENERATION_HEADER]: generation,
	};
	await cache.put(GENERATION_KEY, new Response(null, { headers }));
	return generation;
}

/** The key of one representation (`variant`) of a record's answer: the same whatever the query. */
export function recordKey(record: string, variant: string): string {
	return `${KEYS}/record/${encodeURIComponent(variant)}${record}`;
}

/** The key of one representation (`variant`) of a URL's answer in a generation. */
export function generationKey(generation: string, requestUrl: string, variant: string): string {
	const url = new URL(requestUrl);
	return `${KEYS}/${generation}/${encodeURIComponent(variant)}${url.pathname}${url.search}`;
}

/** Where the latest write to a record at this location leaves the state it wrote. */
export function writtenKey(record: string): string {
	return `${KEYS}/written${record}`;
}

/** Where an instance announces to the others at its location that it is refreshing `key`. */
export function refreshLockKey(key: string): string {
	return `${KEYS}/refreshing${key.slice(KEYS.length)}`;
}
