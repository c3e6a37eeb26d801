// The read cache of the worker's location (the Workers Cache API), and the generation that
// keeps it honest. Every cached answer is stored under the current generation; a write
// makes a new one, so after it no earlier answer at this location is found again. Lists
// cannot be purged one URL at a time; a generation retires all of them at once.

// Cache keys are URLs; .invalid never resolves, so no key can collide with a real request.
const KEYS = "https://edge-cache.invalid";
const GENERATION_KEY = `${KEYS}/generation`;
// The generation is kept as long as the cache keeps anything. Should the cache drop it, a
// fresh random one takes its place: earlier answers are then orphaned, never revived.
const GENERATION_LIFETIME_SECONDS = 365 * 24 * 3600;

export async function currentGeneration(cache: Cache): Promise<string> {
	const stored = await cache.match(GENERATION_KEY);
	return stored ? stored.text() : newGeneration(cache);
}

/** Retires every answer cached at this location; awaited before a write answers. */
export async function newGeneration(cache: Cache): Promise<string> {
	const generation = crypto.randomUUID();
	const headers = { "Cache-Control": `max-age=${GENERATION_LIFETIME_SECONDS}` };
	await cache.put(GENERATION_KEY, new Response(generation, { headers }));
	return generation;
}

/** The key of one representation (`variant`) of a URL's answer in a generation. */
export function entryKey(generation: string, requestUrl: string, variant: string): string {
	const url = new URL(requestUrl);
	return `${KEYS}/${generation}/${encodeURIComponent(variant)}${url.pathname}${url.search}`;
}

/** Stores a copy of the answer for `ttlSeconds`, dated so a hit can say its Age. */
export async function store(
	cache: Cache,
	key: string,
	response: Response,
	ttlSeconds: number,
): Promise<void> {
	const copy = new Response(response.clone().body, response);
	copy.headers.set("Cache-Control", `max-age=${ttlSeconds}`);
	copy.headers.set("Date", new Date().toUTCString());
	await cache.put(key, copy);
}

/** Seconds since a stored answer was cached. */
export function ageOf(stored: Response): number {
	const date = Date.parse(stored.headers.get("Date") ?? "");
	return Number.isNaN(date) ? 0 : Math.max(0, Math.floor((Date.now() - date) / 1000));
}
