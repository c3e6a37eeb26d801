import { isList } from "./geo-urls";

// What bench:geo records of each answer, and why a read that waited for the database waited.

/** The reasons a read may wait for the database, as bench:geo counts them. */
export const WAIT_KINDS = [
	"first read here",
	"list after a write here",
	"bookmark newer than the entry",
	"too old to serve",
	"other",
] as const;
export type WaitKind = (typeof WAIT_KINDS)[number];

export interface ReadRecord {
	location: number;
	/** When it was answered, in ms since the recording began. */
	at: number;
	ms: number;
	status: number;
	/** Why it waited for the database; undefined when the read cache answered it. */
	waited?: WaitKind;
	/** How old the stored answer was, when a stale one was served. */
	staleAge?: number;
	/** Whether this location had answered the URL before (for outages: known URLs must not fail). */
	known: boolean;
}

export interface WriteRecord {
	location: number;
	at: number;
	status: number;
	/** The person a successful POST created, to check none is lost. */
	created?: string;
}

/** A read that failed though its location held an answer it could have served (a bookmark newer than any may fail). */
export function failedThoughHeld(read: ReadRecord): boolean {
	return (
		read.known &&
		read.status !== 200 &&
		read.status !== 404 &&
		read.waited !== "bookmark newer than the entry"
	);
}

// Cache-Status of an answer served without waiting: fresh, or stale with a refresh behind it.
const SERVED_BY_CACHE = /; hit(;|$)/;
const STALE = /detail=(stale-while-revalidate|stale-if-error|database-deadline)/;

/** When a location last answered a URL: the request's start and end, and when its answer was stored (performance.now()). */
interface Answered {
	sent: number;
	done: number;
	stored: number;
}

/**
 * The answers of one scenario, with the history each read is judged against: which URLs
 * each location has answered and when, and when each location last acknowledged a write.
 */
export class Recording {
	readonly reads: ReadRecord[] = [];
	readonly writes: WriteRecord[] = [];
	readonly #started = performance.now();
	readonly #answered: Map<string, Answered>[];
	readonly #lastWrite: number[];
	readonly #keptMs: number;

	/**
	 * `keptMs`: how long a location's cache keeps an answer (retention); `history`: an
	 * earlier recording of the same locations, whose answers and writes count here.
	 */
	constructor(locations: number, keptMs: number, history?: Recording) {
		this.#answered = history ? history.#answered : Array.from({ length: locations }, () => new Map());
		this.#lastWrite = history ? history.#lastWrite : Array.from({ length: locations }, () => -Infinity);
		this.#keptMs = keptMs;
	}

	/** Another recording of the same locations, after this one. */
	next(): Recording {
		return new Recording(this.#answered.length, this.#keptMs, this);
	}

	/** Milliseconds since the recording began. */
	now(): number {
		return performance.now() - this.#started;
	}

	write(record: Omit<WriteRecord, "at">): void {
		// A successful write renews its location's generation before it answers.
		if (record.status >= 200 && record.status < 300) this.#lastWrite[record.location] = performance.now();
		this.writes.push({ ...record, at: this.now() });
	}

	/** Records a read of `url` sent at `sent` (performance.now()); `headers` are its answer's. */
	read(location: number, url: string, sent: number, status: number, headers: Headers): ReadRecord {
		const cacheStatus = headers.get("Cache-Status") ?? "";
		const served = SERVED_BY_CACHE.test(cacheStatus);
		const done = performance.now();
		const before = this.#answered[location]?.get(url);
		// A list stored before a write here is retired by it: the location no longer holds it.
		const held =
			before && before.done < sent && !(isList(url) && (this.#lastWrite[location] ?? 0) > before.sent);
		const record: ReadRecord = {
			location,
			at: this.now(),
			ms: done - sent,
			status,
			known: Boolean(held),
			waited: served ? undefined : this.#why(cacheStatus, before, sent, Boolean(held)),
			staleAge: STALE.test(cacheStatus) ? Number(headers.get("Age") ?? 0) : undefined,
		};
		const stored = served ? done - 1000 * Number(headers.get("Age") ?? 0) : done;
		if (status === 200) this.#answered[location]?.set(url, { sent, done, stored });
		this.reads.push(record);
		return record;
	}

	#why(cacheStatus: string, before: Answered | undefined, sent: number, held: boolean): WaitKind {
		if (cacheStatus.includes("detail=bookmark")) return "bookmark newer than the entry";
		// Past its stale window (or, with stale serving off, its freshness): the database is asked first.
		if (cacheStatus.includes("fwd=stale")) return "too old to serve";
		if (!before || before.done >= sent) return "first read here";
		if (!held) return "list after a write here";
		// The cache let it go (Age has whole seconds: a second of slack).
		return sent - before.stored > this.#keptMs - 1_000 ? "too old to serve" : "other";
	}
}
