// Opaque page cursors: JSON, a checksum, base64url. The checksum is no secret (a cursor
// grants nothing, it only names a position); it makes an edited or truncated cursor a
// clear 400 instead of a page from somewhere else.
const CHECKSUM_BYTES = 6;

async function checksum(bytes: Uint8Array): Promise<Uint8Array> {
	const digest = await crypto.subtle.digest("SHA-256", bytes);
	return new Uint8Array(digest, 0, CHECKSUM_BYTES);
}

function toBase64Url(bytes: Uint8Array): string {
	return btoa(String.fromCharCode(...bytes))
		.replaceAll("+", "-")
		.replaceAll("/", "_")
		.replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | undefined {
	if (!/^[\w-]*$/.test(text)) return undefined;
	try {
		return Uint8Array.from(atob(text.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));
	} catch {
		return undefined;
	}
}

export async function encodeCursor(payload: unknown): Promise<string> {
	const bytes = new TextEncoder().encode(JSON.stringify(payload));
	const token = new Uint8Array(bytes.length + CHECKSUM_BYTES);
	token.set(bytes);
	token.set(await checksum(bytes), bytes.length);
	return toBase64Url(token);
}

/** The payload of a cursor made by encodeCursor, or undefined for anything else. */
export async function decodeCursor(cursor: string): Promise<unknown> {
	const token = fromBase64Url(cursor);
	if (!token || token.length <= CHECKSUM_BYTES) return undefined;
	const bytes = token.subarray(0, -CHECKSUM_BYTES);
	const expected = await checksum(bytes);
	if (!expected.every((byte, i) => byte === token[bytes.length + i])) return undefined;
	try {
		return JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
	} catch {
		return undefined;
	}
}
