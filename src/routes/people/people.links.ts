import { encodeCursor } from "../../lib/cursor";
import { listUrl, type PageLinks } from "../../lib/pagination";
import { FILTER_FIELDS, filterQuery } from "./people.filter-syntax";
import type { PeoplePage } from "./people.list";
import type { CursorPayload, FilterQuery, ListQuery } from "./people.query";

/**
 * first, prev, next and last of a page. All but `first` carry a cursor, so following them
 * costs the same at any depth; each keeps the filters, the sort and the limit.
 */
export async function peopleLinks(
	requestUrl: string,
	query: ListQuery,
	page: PeoplePage,
): Promise<PageLinks> {
	const sort = query.sort ?? "";
	const base = listParams(query);
	const at = async (cursor?: CursorPayload) =>
		listUrl(requestUrl, { ...base, cursor: cursor && (await encodeCursor(cursor)) });
	const backward = query.page?.before ?? false;
	const started = query.page?.at !== undefined || query.offset > 0;
	const links: PageLinks = { first: await at() };
	if (page.first) {
		if (backward ? page.more : started) links.prev = await at({ sort, before: true, at: page.first });
		if (backward ? query.page?.at !== undefined : page.more) {
			links.next = await at({ sort, before: false, at: page.last });
		}
	} else if (started && !backward) {
		// Past the end: the way back is the last page.
		links.prev = await at({ sort, before: true });
	} else if (backward && query.page?.at !== undefined) {
		// In front of the start: the way on is the first page.
		links.next = links.first;
	}
	links.last = await at({ sort, before: true });
	return links;
}

/** The parameters that say which list this is: its filters, sort and page size. */
function listParams(query: ListQuery): Record<string, string | string[] | undefined> {
	return {
		limit: String(query.limit),
		sort: query.sort,
		...filterParamsOf(query),
		select: query.select?.join(","),
	};
}

/** The filters as query parameters, in one spelling (filterQuery's). */
export function filterParamsOf(query: FilterQuery): Record<string, string | string[] | undefined> {
	const fields = FILTER_FIELDS.map((field) => [field, filterQuery(query[field])]);
	return { ...Object.fromEntries(fields), q: query.q };
}

/**
 * For each field, the first page of the same list sorted by it: ascending, or descending
 * when the list is sorted by that field ascending already.
 */
export function sortLinks<F extends string>(requestUrl: string, query: ListQuery, fields: readonly F[]) {
	return Object.fromEntries(
		fields.map((field) => [
			field,
			listUrl(requestUrl, { ...listParams(query), sort: query.sort === field ? `-${field}` : field }),
		]),
	) as Record<F, string>;
}
