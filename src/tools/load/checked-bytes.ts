import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { CliError } from "../lib/cli";

const NEWLINE = 0x0a;

/** How many bytes at the end of `bytes` begin a UTF-8 sequence that the next chunk completes. */
function incompleteTail(bytes: Buffer): number {
	for (let back = 1; back <= Math.min(3, bytes.length); back++) {
		const byte = bytes[bytes.length - back] ?? 0;
		if ((byte & 0xc0) === 0x80) continue;
		const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
		return length > back ? back : 0;
	}
	return 0;
}

/**
 * The bytes the CSV parser reads, passed through unchanged: hashed (so the ledger records
 * exactly what was parsed) and checked to be UTF-8, strictly: a Latin-1 file is an error
 * naming its first bad line, never text full of U+FFFD. No line may pass `maxLineBytes`:
 * the parser's own cap counts a field's characters, not a record's fields, and a line of
 * nothing but commas would otherwise become millions of empty fields in memory.
 */
export class CheckedBytes extends Transform {
	readonly #hash = createHash("sha256");
	#pending = Buffer.alloc(0);
	#lines = 1;
	#lineBytes = 0;
	#digest?: string;
	readonly #path: string;
	readonly #maxLineBytes: number;

	constructor(path: string, maxLineBytes: number) {
		super();
		this.#path = path;
		this.#maxLineBytes = maxLineBytes;
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
		this.#hash.update(chunk);
		const bytes = Buffer.concat([this.#pending, chunk]);
		const whole = bytes.length - incompleteTail(bytes);
		const error = this.#check(bytes.subarray(0, whole));
		this.#pending = Buffer.from(bytes.subarray(whole));
		done(error, chunk);
	}

	override _flush(done: TransformCallback): void {
		this.#digest = this.#hash.digest("hex");
		done(this.#check(this.#pending));
	}

	/** SHA-256 of every byte that went through, once the stream has ended. */
	sha256(): string | undefined {
		return this.#digest;
	}

	#check(bytes: Buffer): CliError | null {
		if (!isUtf8(bytes)) return this.#notUtf8(bytes);
		for (let start = 0; ; ) {
			const end = bytes.indexOf(NEWLINE, start);
			this.#lineBytes += (end < 0 ? bytes.length : end) - start;
			if (this.#lineBytes > this.#maxLineBytes) {
				return new CliError(
					`${this.#path}: line ${this.#lines} is longer than ${this.#maxLineBytes} bytes; a passenger's row is about 100`,
				);
			}
			if (end < 0) return null;
			this.#lines++;
			this.#lineBytes = 0;
			start = end + 1;
		}
	}

	#notUtf8(bytes: Buffer): CliError {
		for (let start = 0; ; ) {
			const end = bytes.indexOf(NEWLINE, start);
			if (end < 0 || !isUtf8(bytes.subarray(start, end))) break;
			this.#lines++;
			start = end + 1;
		}
		return new CliError(
			`${this.#path} is not UTF-8: line ${this.#lines} holds bytes that are not (save the file as UTF-8)`,
		);
	}
}
