import { QUERY_TIMEOUT_MS } from "../timeouts";
import { refreshLockKey } from "./keys";

// Refreshing a stored answer: the same request again, through the whole app, as a request of
// its own that goes to the database and stores what it gets. At most one per key is in
// flight at a location: readers in this instance share it, and a lock entry in the cache
// tells the location's other instances that it is under way.

/** What a refresh got, kept whole so that every reader waiting for it can answer with it. */
export interface Answer {
	status: number;
	headers: Headers;
	body: ArrayBuffer;
}

// Requests the cache makes itself; nobody else can put one here, so no header can forge one.
const refreshes = new WeakSet<Request>();

/** Whether the app is serving one of the cache's own refreshes. */
export function isRefresh(request: Request): boolean {
	return refreshes.has(request);
}

// What would make the refresh conditional, cross-origin, or ask for more than the answer.
const NOT_REPEATED = ["If-None-Match", "If-Modified-Since", "Cache-Control", "Pragma", "Origin", "Bookmark"];

/** The refresh of a read: a GET of the same URL with the headers its answer varies by. */
export function refreshRequest(read: Request): Request {
	const headers = new Headers(read.headers);
	for (const name of NOT_REPEATED) headers.delete(name);
	const request = new Request(read.url, { method: "GET", headers });
	refreshes.add(request);
	return request;
}

// Long enough for the slowest refresh: past it, a refresh that never released it is over.
const LOCK_SECONDS = Math.ceil(QUERY_TIMEOUT_MS / 1000) + 1;

const inFlight = new Map<string, Promise<Answer | undefined>>();

async function answerOf(fetchAnswer: () => Promise<Response>): Promise<Answer> {
	try {
		const response = await fetchAnswer();
		return {
			status: response.status,
			headers: new Headers(response.headers),
			body: await response.arrayBuffer(),
		};
	} catch {
		return { status: 503, headers: new Headers(), body: new ArrayBuffer(0) };
	}
}

/**
 * Refreshes `key` with `fetchAnswer` unless a refresh of it is in flight: in this instance,
 * its answer is shared; in another one at this location (its lock is in the cache), the
 * answer is undefined, unless `evenIfLocked` asks for a refresh regardless.
 */
export function refreshOnce(
	cache: Cache,
	key: string,
	fetchAnswer: () => Promise<Response>,
	{ evenIfLocked }: { evenIfLocked: boolean },
): Promise<Answer | undefined> {
	const joined = inFlight.get(key);
	if (joined) return joined;
	const lock = refreshLockKey(key);
	const flight = (async () => {
		if (!evenIfLocked && (await cache.match(lock))) return undefined;
		await cache.put(lock, new Response(null, { headers: { "Cache-Control": `max-age=${LOCK_SECONDS}` } }));
		try {
			return await answerOf(fetchAnswer);
		} finally {
			await cache.delete(lock);
		}
	})().finally(() => inFlight.delete(key));
	inFlight.set(key, flight);
	return flight;
}
