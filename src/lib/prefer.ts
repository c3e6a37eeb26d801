// The Prefer request header (RFC 7240): preferences a server may honour, saying which it
// did in Preference-Applied. An unknown preference, or a value a route does not know, is
// ignored, as the RFC asks.

/** The preferences of a Prefer header: names and values lower-cased; of a repeated one, the first. */
export function preferences(header: string | undefined): Map<string, string> {
	const found = new Map<string, string>();
	for (const preference of header?.split(",") ?? []) {
		const [name = "", value = ""] =
			preference
				.split(";")[0]
				?.split("=")
				.map((part) =>
					part
						.trim()
						.toLowerCase()
						.replace(/^"(.*)"$/, "$1"),
				) ?? [];
		if (name && !found.has(name)) found.set(name, value);
	}
	return found;
}

/** The value a header prefers for `name`, if it is one of `values`. */
export function preferred<V extends string>(header: string | undefined, name: string, values: readonly V[]) {
	const value = preferences(header).get(name);
	return values.includes(value as V) ? (value as V) : undefined;
}

/** What a write answers with (PostgREST's names): the resource, its headers only, or nothing but what it must. */
export const RETURN_PREFERENCES = ["representation", "headers-only", "minimal"] as const;
export type ReturnPreference = (typeof RETURN_PREFERENCES)[number];
