export interface Page {
	limit: number;
	offset: number;
	total: number;
}

export type PageLinks = Partial<Record<"first" | "prev" | "next" | "last", string>>;

/**
 * The first/prev/next/last URLs of a page, keeping every other query parameter of the
 * request (filters, sort) as it was. prev and next are left out where there is none.
 */
export function pageLinks(requestUrl: string, { limit, offset, total }: Page): PageLinks {
	const at = (start: number) => {
		const url = new URL(requestUrl);
		url.searchParams.set("limit", String(limit));
		url.searchParams.set("offset", String(start));
		return url.toString();
	};
	const lastOffset = total > 0 ? Math.floor((total - 1) / limit) * limit : 0;
	const links: PageLinks = { first: at(0) };
	if (offset > 0) links.prev = at(Math.min(Math.max(offset - limit, 0), lastOffset));
	if (offset + limit < total) links.next = at(offset + limit);
	links.last = at(lastOffset);
	return links;
}

/** The RFC 8288 Link header for those links. */
export function linkHeader(links: PageLinks): string {
	return Object.entries(links)
		.map(([rel, url]) => `<${url}>; rel="${rel}"`)
		.join(", ");
}
