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

	async end(): Promise<void> {
		await Promise.all([...this.#pools.values()].map((pool) => pool.end()));
		this.#pools.clear();
	}
}
