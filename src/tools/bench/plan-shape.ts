import type pg from "pg";

interface PlanNode {
	"Node Type": string;
	"Index Name"?: string;
	Plans?: PlanNode[];
}

const SHORT: Record<string, string> = {
	"Seq Scan": "seq scan",
	"Index Scan": "index",
	"Index Only Scan": "index-only",
	"Bitmap Index Scan": "bitmap",
};

/** Each scan of the plan; a table scan below a Limit reads only as many rows as the Limit lets it. */
function scans(plan: PlanNode, limited = false): string[] {
	const own = SHORT[plan["Node Type"]];
	const scan =
		own &&
		`${own}${plan["Index Name"] ? ` ${plan["Index Name"]}` : ""}${limited && own === "seq scan" ? " (limited)" : ""}`;
	const below = (plan.Plans ?? []).flatMap((child) => scans(child, limited || plan["Node Type"] === "Limit"));
	return scan ? [scan, ...below] : below;
}

/**
 * How Postgres reads the table for these statements, in a few words: each scan and the
 * index it uses ("index passengers_age_id_idx", "seq scan (limited)"). EXPLAINs are left out.
 */
export async function planShape(client: pg.Client, statements: { query: string; params?: unknown[] }[]) {
	const shapes: string[] = [];
	for (const { query, params } of statements) {
		if (query.startsWith("EXPLAIN")) continue;
		const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${query}`, params);
		shapes.push(...scans(rows[0]["QUERY PLAN"][0].Plan));
	}
	return [...new Set(shapes)].join(" + ").replaceAll("passengers_", "");
}
