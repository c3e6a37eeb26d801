import pg from "pg";

// The endpoint answers exactly as Neon does: every value as Postgres text, which the
// driver then parses by dataTypeID. Returning the raw text keeps pg from parsing first.
export const rawText = { getTypeParser: () => (value: string) => value };

/**
 * One pool per connection string, as Neon keeps one per database: the endpoint stands in
 * front of whatever Postgres the driver names in its Neon-Connection-String header.
 */
export class PostgresPools {
	readonly #pools = new Map<string, pg.Pool>();
	readonly #maxConnections: number;

	constructor(maxConnections: number) {
		this.#maxConnections = maxConnections;
	}

	get(connectionString: string): pg.Pool {
		let pool = this.#pools.get(connectionString);
		if (!pool) {
			pool = new pg.Pool({
				connectionString,
				max: this.#maxConnections,
				connectionTimeoutMillis: 5_000,
			});
			// An idle client that loses its server emits here; the next query reconnects.
			pool.on("error", () => {});
			this.#pools.set(connectionString, pool);
		}
		return pool;
	}

	/**
	 * Cancels what `client` is running, from a connection of its own, as Postgres cancels
	 * (PGlite, one session for all, cannot: its statement runs to its end).
	 */
	async cancel(connectionString: string, client: pg.PoolClient): Promise<void> {
		const canceller = new pg.Client({ connectionString, connectionTimeoutMillis: 2_000 });
		canceller.on("error", () => {});
		try {
			await canceller.connect();
			await canceller.query("SELECT pg_cancel_backend($1)", [
				(client as unknown as { processID: number }).processID,
			]);
		} catch {
			// Nothing to cancel, or no way to: the connection is discarded all the same.
		} finally {
			await canceller.end().catch(() => {});
		}
	}

	/**
	 * Leaves a connection as a new one would be before it serves the next request, as Neon
	 * does: no open transaction, no session settings, temporary tables or prepared
	 * statements. False when that fails: the connection is then discarded.
	 */
	async reset(client: pg.PoolClient): Promise<boolean> {
		try {
			await client.query("DISCARD ALL");
			return true;
		} catch {
			// DISCARD ALL cannot run in a transaction: one was left open.
			return client
				.query("ROLLBACK")
				.then(() => client.query("DISCARD ALL"))
				.then(
					() => true,
					() => false,
				);
		}
	}

	async end(): Promise<void> {
		await Promise.all([...this.#pools.values()].map((pool) => pool.end()));
		this.#pools.clear();
	}
}
