import { finished } from "node:stream/promises";
import type { Client } from "@neondatabase/serverless";
import { from as copyFrom } from "pg-copy-streams";
import type { NewPerson } from "../../db/person.schemas";

const COPY_PASSENGERS = `COPY passengers (survived, passenger_class, name, sex, age,
	siblings_or_spouses_aboard, parents_or_children_aboard, fare, load_id) FROM STDIN (FORMAT binary)`;
const FIELDS = 9;

// COPY's binary format: a signature, flags and header-extension length, then per row a
// field count and each field as length + bytes, then -1 to end.
const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const HEADER = Buffer.concat([SIGNATURE, Buffer.alloc(8)]);
const TRAILER = Buffer.from([0xff, 0xff]);
const FIXED_ROW_BYTES = 2 + FIELDS * 4 + 1 + 2 + 8 + 4 + 4 + 8 + 4;

/**
 * Collects passengers in COPY's binary format straight into a byte buffer: Postgres skips
 * parsing text, and rows waiting for the database sit outside the JS heap, costing the
 * garbage collector nothing. The database fills in uuid and insertion order.
 */
export class PassengerCopyBuffer {
	#bytes = Buffer.allocUnsafe(1 << 20);
	#length = 0;
	rows = 0;

	constructor(private readonly loadId: number) {
		this.#start();
	}

	add(p: NewPerson): void {
		const nameBytes = Buffer.byteLength(p.name);
		this.#reserve(FIXED_ROW_BYTES + nameBytes + p.sex.length + TRAILER.length);
		const b = this.#bytes;
		let at = b.writeInt16BE(FIELDS, this.#length);
		at = b.writeInt32BE(1, at);
		at = b.writeUInt8(p.survived ? 1 : 0, at);
		at = b.writeInt32BE(2, at);
		at = b.writeInt16BE(p.passengerClass, at);
		at = b.writeInt32BE(nameBytes, at);
		at += b.write(p.name, at);
		at = b.writeInt32BE(p.sex.length, at);
		at += b.write(p.sex, at, "latin1");
		at = b.writeInt32BE(8, at);
		at = b.writeDoubleBE(p.age, at);
		at = b.writeInt32BE(4, at);
		at = b.writeInt32BE(p.siblingsOrSpousesAboard, at);
		at = b.writeInt32BE(4, at);
		at = b.writeInt32BE(p.parentsOrChildrenAboard, at);
		at = b.writeInt32BE(8, at);
		at = b.writeDoubleBE(p.fare, at);
		at = b.writeInt32BE(4, at);
		this.#length = b.writeInt32BE(this.loadId, at);
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
