import { finished } from "node:stream/promises";
import type { Client } from "@neondatabase/serverless";
import { from as copyFrom } from "pg-copy-streams";
import { PASSENGER_COLUMN_LIST, PASSENGER_FIELDS } from "../../db/passenger-fields";
import type { NewPerson } from "../../db/person.schemas";

const COPY_PASSENGERS = `COPY passengers (${PASSENGER_COLUMN_LIST}, load_id) FROM STDIN (FORMAT binary)`;
const FIELDS = PASSENGER_FIELDS.length + 1;

// COPY's binary format: a signature, flags and header-extension length, then per row a
// field count and each field as length + bytes, then -1 to end.
const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const HEADER = Buffer.concat([SIGNATURE, Buffer.alloc(8)]);
const TRAILER = Buffer.from([0xff, 0xff]);

/** Writes one value of a column's SQL type as length + bytes at `at`; returns where it ends. */
type Encode = (b: Buffer, at: number, value: never) => number;
const ENCODERS: Record<string, Encode> = {
	boolean: (b, at, v: boolean) => b.writeUInt8(v ? 1 : 0, b.writeInt32BE(1, at)),
	smallint: (b, at, v: number) => b.writeInt16BE(v, b.writeInt32BE(2, at)),
	integer: (b, at, v: number) => b.writeInt32BE(v, b.writeInt32BE(4, at)),
	"double precision": (b, at, v: number) => b.writeDoubleBE(v, b.writeInt32BE(8, at)),
	text: (b, at, v: string) => {
		const length = b.write(v, at + 4, "utf8");
		b.writeInt32BE(length, at);
		return at + 4 + length;
	},
};
const encodeInteger = ENCODERS.integer as Encode;
const COLUMNS = PASSENGER_FIELDS.map(({ field, sqlType }) => {
	const encode = ENCODERS[sqlType];
	if (!encode) throw new Error(`COPY cannot encode ${sqlType} (${field}) yet`);
	return { field, encode, text: sqlType === "text" };
});
// Room a row needs at most: field count, then per field a length and 8 bytes at most (the
// load id included), plus 3 bytes per UTF-16 unit of text, the trailer.
const ROW_BYTES = 2 + FIELDS * (4 + 8) + TRAILER.length;

/**
 * Collects passengers in COPY's binary format straight into a byte buffer: Postgres skips
 * parsing text, and rows waiting for the database sit outside the JS heap, costing the
 * garbage collector nothing. The database fills in uuid and insertion order.
 */
export class PassengerCopyBuffer {
	#bytes = Buffer.allocUnsafe(1 << 20);
	#length = 0;
	rows = 0;

	readonly #loadId: number;

	constructor(loadId: number) {
		this.#loadId = loadId;
		this.#start();
	}

	add(p: NewPerson): void {
		let text = 0;
		for (const column of COLUMNS) if (column.text) text += (p[column.field] as string).length;
		this.#reserve(ROW_BYTES + 3 * text);
		const b = this.#bytes;
		let at = b.writeInt16BE(FIELDS, this.#length);
		for (const { field, encode } of COLUMNS) at = encode(b, at, p[field] as never);
		this.#length = encodeInteger(b, at, this.#loadId as never);
		this.rows++;
	}

	/** The batch so far as one complete COPY stream; the buffer starts over. */
	take(): Buffer {
		this.#length += TRAILER.copy(this.#bytes, this.#length);
		const taken = this.#bytes.subarray(0, this.#length);
		this.#bytes = Buffer.allocUnsafe(this.#bytes.length);
		this.#start();
		return taken;
	}

	#start(): void {
		this.#length = HEADER.copy(this.#bytes, 0);
		this.rows = 0;
	}

	#reserve(bytes: number): void {
		if (this.#length + bytes <= this.#bytes.length) return;
		const grown = Buffer.allocUnsafe(Math.max(this.#length + bytes, this.#bytes.length * 2));
		this.#bytes.copy(grown, 0, 0, this.#length);
		this.#bytes = grown;
	}
}

/**
 * Sends one batch as one COPY … FROM STDIN over the Neon driver's WebSocket, COPY being
 * Postgres' fastest way in. Settles once the server has taken every row.
 */
export async function copyBatch(client: Client, data: Buffer): Promise<void> {
	// pg-copy-streams speaks to pg's Client; the Neon driver's Client is one underneath.
	const stream = client.query(copyFrom(COPY_PASSENGERS) as never) as unknown as NodeJS.WritableStream;
	stream.end(data);
	await finished(stream);
}
