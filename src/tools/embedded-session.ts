import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// PGlite is one Postgres session, which the socket server shares among its connections,
// queueing their messages one at a time. Its queue keeps a connection's messages together
// only inside a transaction, so two connections' extended-protocol queries (Parse, Bind,
// Execute, Sync) interleave: one binds the other's unnamed statement and gets an error or,
// worse, the other's rows (electric-sql/pglite#1046, still open in 0.2.17). Neon serves
// each connection a session of its own; this queue gives each connection the session from
// its first message to the end of its query (Sync, or a simple Query), or of its
// transaction, while the others wait their turn.

const SYNC = 0x53;
const QUERY = 0x51;
const SYNC_MESSAGE = new Uint8Array([SYNC, 0, 0, 0, 4]);

/** What the server's connections call: the shape of pglite-socket's own query queue. */
class SessionQueue {
	readonly #db: PGlite;
	#owner: number | null = null;
	#waiting: { connection: number; wake: () => void; closed: (error: Error) => void }[] = [];

	constructor(db: PGlite) {
		this.#db = db;
	}

	async enqueue(
		connection: number,
		message: Uint8Array,
		onData: (data: Uint8Array) => void,
	): Promise<number> {
		while (this.#owner !== null && this.#owner !== connection) {
			await new Promise<void>((wake, closed) => this.#waiting.push({ connection, wake, closed }));
		}
		this.#owner = connection;
		let bytes = 0;
		try {
			await this.#db.runExclusive(() =>
				this.#db.execProtocolRawStream(message, {
					onRawData: (data) => {
						bytes += data.length;
						onData(data);
					},
				}),
			);
		} finally {
			// A startup message has no type byte (its length comes first): it, too, ends a turn.
			const type = message[0];
			const ended = type === SYNC || type === QUERY || type === 0;
			if (ended && !this.#db.isInTransaction()) this.#release();
		}
		return bytes;
	}

	getQueueLength(): number {
		return this.#waiting.length;
	}

	/** A connection that closed while it waited for its turn never takes it. */
	clearQueueForHandler(connection: number): void {
		for (const waiter of this.#waiting.filter((waiter) => waiter.connection === connection)) {
			waiter.closed(new Error("the connection closed while it waited"));
		}
		this.#waiting = this.#waiting.filter((waiter) => waiter.connection !== connection);
	}

	/** Ends what a closed connection left open (a query without its Sync, a transaction). */
	async clearTransactionIfNeeded(connection: number): Promise<void> {
		if (this.#owner !== connection) return;
		await this.#db.runExclusive(() => this.#db.execProtocolRaw(SYNC_MESSAGE));
		if (this.#db.isInTransaction()) await this.#db.exec("ROLLBACK");
		this.#release();
	}

	#release(): void {
		this.#owner = null;
		for (const { wake } of this.#waiting.splice(0)) wake();
	}
}

/**
 * Gives `server`'s connections a session each in turn (see above). The server keeps its
 * queue in a field of its own; a test of concurrent connections shows this one in place.
 */
export function oneSessionAtATime(server: PGLiteSocketServer, db: PGlite): void {
	(server as unknown as { queryQueue: SessionQueue }).queryQueue = new SessionQueue(db);
}
