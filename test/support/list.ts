import type { Person } from "../../src/db/person.schemas";
import { api, sql } from "./api";

/** GET /people with a query string (or a Link URL), its people and its links. */
export async function list(query: string, headers: Record<string, string> = {}) {
	const response = await api(`/people${query.replace(/^\/people/, "")}`, { headers });
	const people = response.ok ? ((await response.json()) as Person[]) : [];
	return { response, people, links: links(response) };
}

export function links(response: Response): Record<string, string> {
	const header = response.headers.get("Link") ?? "";
	return Object.fromEntries(
		[...header.matchAll(/<([^>]+)>;\s*rel="(\w+)"/g)].map(([, url, rel]) => [rel as string, url as string]),
	);
}

/** Follows one kind of link (next or prev) from a URL to the end, collecting every page's people. */
export async function walk(from: string, rel: "next" | "prev"): Promise<Person[][]> {
	const pages: Person[][] = [];
	let url: string | undefined = from;
	while (url) {
		const page = await list(url);
		if (page.response.status !== 200) throw new Error(`${url}: ${page.response.status}`);
		pages.push(page.people);
		url = page.links[rel];
	}
	return pages;
}

/** How many passengers the database itself counts under a condition. */
export async function countWhere(condition = "true", params: unknown[] = []): Promise<number> {
	const [row] = await sql(`SELECT count(*)::int AS n FROM passengers WHERE ${condition}`, params);
	return row?.n as number;
}
