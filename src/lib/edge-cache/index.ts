import type { Context, MiddlewareHandler, Next } from "hono";
import { BOOKMARK_HEADER, includes, stateOfBookmark } from "../bookmark";
import { LIVE_PATHS } from "../http-caching";
import { LIST_REPRESENTATIONS, preferredType, REPRESENTATIONS } from "../negotiate";
import { problem } from "../problem";
import type { AppBindings, CacheOutcome } from "../types";
import { WRITE_METHODS } from "../write-methods";
import { ageOf, cacheStatus, digestEtag, fromCache, stateOf, store } from "./entries";
import { currentGeneration, generationKey, recordKey } from "./keys";
import { IF_ERROR_DEADLINE_MS, lifetimesOf, retentionOf, useAt } from "./lifetimes";
import { type Answer, isRefresh, refreshOnce, refreshRequest } from "./refresh";
import { forgetUnconfirmed, forgetWhatChanged, type Records, writtenSince } from "./writes";

export { isRefresh } from "./refresh";
export type { Records } from "./writes";

type AppContext = Context<AppBindings>;

/** How the app answers a request the cache makes itself (a refresh). */
export type Refetch = (request: Request, c: AppContext) => Promise<Response>;

/**
 * What an answer that is not a record's varies by: the representation its route would
 * choose (CSV only where the path answers it) and the count preference.
 */
function listVariant(c: AppContext, records: Records): string {
	const type = preferredType(c, records.answersCsv(c.req.path) ? LIST_REPRESENTATIONS : REPRESENTATIONS);
	return `${type};prefer=${c.req.header("Prefer")?.trim().toLowerCase() ?? ""}`;
}

/** A client's `Cache-Control: no-cache` (or `max-age=0`) asks for an answer from the database. */
function wantsFresh(c: AppContext): boolean {
	return /\b(no-cache|max-age=0)\b/i.test(c.req.header("Cache-Control") ?? "");
}

/** The request's execution context; a direct app.fetch (the tests' withEnv) has none. */
export function executionContextOf(c: Context): Context["executionCtx"] | undefined {
	try {
		return c.executionCtx;
	} catch {
		return undefined;
	}
}

/** Keeps `work` going after the answer is sent. */
function inBackground(c: AppContext, work: Promise<unknown>): void {
	const settled = work.catch(() => undefined);
	executionContextOf(c)?.waitUntil(settled);
}

function noted(c: AppContext, outcome: CacheOutcome, started: number): void {
	c.set("cache", { outcome, ms: performance.now() - started });
}

/**
 * The answer from the database, stored when it is a 200 (and forgotten when the record is
 * gone), with a Cache-Status that says why the cache forwarded it.
 */
async function fromDatabase(c: AppContext, next: Next, key: string, record: string | null, why: string[]) {
	const cache = caches.default;
	await next();
	const [forwarded, ...detail] = why;
	if (c.res.status === 404 && record) await cache.delete(key);
	if (c.res.status !== 200) {
		c.res.headers.set("Cache-Status", cacheStatus(...why));
		return;
	}
	// The same digest hono's etag would make further out, so a later If-None-Match is answered here.
	if (!c.res.headers.has("ETag")) c.res.headers.set("ETag", await digestEtag(c.res));
	await store(cache, key, c.res, retentionOf(lifetimesOf(c.env)));
	// A record's key outlives generations: a write to it here may have replaced or deleted the
	// key before this answer was stored. (A list's key is of a generation a write retires.)
	const raced = record !== null && (await writtenSince(cache, record, c.res));
	if (raced) await cache.delete(key);
	c.res.headers.set("Cache-Status", cacheStatus(forwarded ?? "", ...(raced ? [] : ["stored"]), ...detail));
}

/** `work`'s result, or undefined if it takes longer than `ms`. */
async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
	let timer = 0;
	const late = new Promise<undefined>((resolve) => {
		timer = setTimeout(resolve, ms);
	});
	try {
		return await Promise.race([work, late]);
	} finally {
		clearTimeout(timer);
	}
}

/** A refresh's answer as this request's, its database time counted in this one's. */
function asAnswer(c: AppContext, { status, headers, body }: Answer, cacheStatusValue: string): Response {
	const dbMs = Number(/\bdb;dur=([\d.]+)/.exec(headers.get("Server-Timing") ?? "")?.[1] ?? 0);
	c.var.dbTiming.dbMs += dbMs;
	const response = new Response(body, { status, headers: new Headers(headers) });
	response.headers.set("Cache-Status", cacheStatusValue);
	return response;
}

// An answer that a stored one may stand in for (RFC 5861's errors, and a spent read budget).
const failed = ({ status }: Answer) => status >= 500 || status === 429;

/**
 * The read cache of this location (the Workers Cache API). A GET or HEAD is answered from
 * it while fresh (CACHE_TTL_SECONDS); then for CACHE_STALE_SECONDS more at once, while one
 * refresh runs in the background; then, up to CACHE_STALE_IF_ERROR_SECONDS, in place of a
 * database that fails or does not answer within IF_ERROR_DEADLINE_MS. A `Bookmark` is
 * answered only by an entry that shows at least its state. Writes, before they answer,
 * retire this location's lists and store the written record (see writes.ts).
 */
export function edgeCache(records: Records, refetch: Refetch): MiddlewareHandler<AppBindings> {
	return async (c, next) => {
		const cache = caches.default;
		// hono runs a HEAD as its GET and drops the body: one cached answer serves both.
		if (c.req.method !== "GET" && c.req.method !== "HEAD") {
			await next();
			if (!WRITE_METHODS.has(c.req.method)) return;
			if (c.res.ok) await forgetWhatChanged(c, records, cache);
			else if (c.res.status === 504) await forgetUnconfirmed(c, records, cache);
			return;
		}
		if (LIVE_PATHS.has(c.req.path)) return next();
		const bookmark = c.req.header(BOOKMARK_HEADER);
		const wanted = bookmark === undefined ? undefined : stateOfBookmark(bookmark);
		if (bookmark !== undefined && !wanted) {
			return problem(c, 400, "invalid headers: bookmark", {
				errors: [{ path: "bookmark", message: "must be a Bookmark this API answered" }],
			});
		}
		const started = performance.now();
		// A record's own keys hold its whole answer; part of it (select=) is kept as a list's
		// answer is, under the generation, which any write here retires.
		const record = records.partial(new URL(c.req.url)) ? null : records.of(c.req.path);
		const key = record
			? recordKey(record, preferredType(c))
			: generationKey(await currentGeneration(cache), c.req.url, listVariant(c, records));
		const database = (...why: string[]) => fromDatabase(c, next, key, record, why);
		if (isRefresh(c.req.raw)) {
			noted(c, "refresh", started);
			return database("fwd=request");
		}
		const fresh = wantsFresh(c);
		const stored = fresh ? undefined : await cache.match(key);
		if (!stored) {
			noted(c, "miss", started);
			return database(fresh ? "fwd=request" : "fwd=uri-miss");
		}
		const shown = stateOf(stored);
		if (wanted && !(shown && includes(shown, wanted))) {
			void stored.body?.cancel();
			noted(c, "miss", started);
			return database("fwd=request", "detail=bookmark");
		}
		const lifetimes = lifetimesOf(c.env);
		const serve = (status: (ttl: number) => string) =>
			fromCache(stored, lifetimes.fresh, c.req.header("If-None-Match"), status);
		const refresh = (evenIfLocked: boolean) =>
			refreshOnce(cache, key, () => refetch(refreshRequest(c.req.raw), c), { evenIfLocked });
		switch (useAt(ageOf(stored), lifetimes)) {
			case "fresh":
				noted(c, "hit", started);
				return serve((ttl) => cacheStatus("hit", `ttl=${ttl}`));
			case "stale":
				noted(c, "stale", started);
				inBackground(c, refresh(false));
				return serve((ttl) => cacheStatus("hit", `ttl=${ttl}`, "detail=stale-while-revalidate"));
			case "if-error": {
				const flight = refresh(true);
				inBackground(c, flight);
				const answer = await withDeadline(flight, IF_ERROR_DEADLINE_MS);
				if (answer && !failed(answer)) {
					void stored.body?.cancel();
					noted(c, "miss", started);
					return asAnswer(c, answer, cacheStatus("fwd=stale", ...(answer.status === 200 ? ["stored"] : [])));
				}
				noted(c, "stale", started);
				const why = answer ? [`fwd-status=${answer.status}`] : [];
				const detail = `detail=${answer ? "stale-if-error" : "database-deadline"}`;
				return serve((ttl) => cacheStatus("fwd=stale", ...why, `ttl=${ttl}`, detail));
			}
			default:
				void stored.body?.cancel();
				noted(c, "miss", started);
				return database("fwd=stale");
		}
	};
}
