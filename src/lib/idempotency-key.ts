// The Idempotency-Key request header (IETF httpapi draft): what it names, and the digests
// that scope a key to its caller and tie it to one request.

/**
 * The key an Idempotency-Key header names: a Structured Fields string ("…"), as the draft
 * writes it, or a bare token, as many clients send it; 1–255 visible ASCII characters.
 */
export function idempotencyKeyOf(header: string): string | undefined {
	const value = header.trim();
	const quoted = /^"([\x20-\x21\x23-\x5B\x5D-\x7E]{1,255})"$/.exec(value)?.[1];
	return quoted ?? (/^[\x21\x23-\x7E]{1,255}$/.test(value) ? value : undefined);
}

/** The SHA-256 of `text`, in hex: what a key's scope and fingerprint keep instead of the text. */
export async function sha256Hex(text: string): Promise<string> {
	const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
	return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
