export type PageLinks = Partial<Record<"first" | "prev" | "next" | "last", string>>;

/**
 * A URL of the same list, relative to the request's origin (never built from its Host):
 * the request's path with exactly these query parameters (those left undefined are
 * dropped; a list repeats the parameter), so no unknown parameter of the request is carried along.
 */
export function listUrl(requestUrl: string, params: Record<string, string | string[] | undefined>): string {
	const url = new URL(requestUrl);
	url.search = "";
	for (const [name, value] of Object.entries(params)) {
		for (const each of [value ?? []].flat()) url.searchParams.append(name, each);
	}
	return `${url.pathname}${url.search}`;
}

/** The RFC 8288 Link header for those links. */
export function linkHeader(links: PageLinks): string {
	return Object.entries(links)
		.map(([rel, url]) => `<${url}>; rel="${rel}"`)
		.join(", ");
}
