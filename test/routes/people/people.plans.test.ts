import { describe, expect, it } from "vitest";
import { api, lastStatements, ORIGIN, type PlanNode, planWithout } from "../../support/api";
import { list } from "../../support/list";

function nodes(plan: PlanNode): PlanNode[] {
	return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** Plans of every statement the request ran (the page and its count), EXPLAINs left out. */
async function plansOf(path: string, without = ["enable_seqscan", "enable_sort"]): Promise<PlanNode[]> {
	const response = await api(path);
	expect(response.status).toBe(200);
	await response.arrayBuffer();
	const statements = (await lastStatements()).filter((s) => !s.query.startsWith("EXPLAIN"));
	expect(statements.length).toBeGreaterThan(0);
	return Promise.all(statements.map((s) => planWithout(without, s.query, s.params)));
}

/** Read through indexes: no table scan, and a sort only of rows a Limit has already bounded. */
function expectIndexed(plan: PlanNode) {
	for (const node of nodes(plan)) {
		expect(node["Node Type"]).not.toBe("Seq Scan");
		if (node["Node Type"] === "Sort") expect(node.Plans?.[0]?.["Node Type"]).toBe("Limit");
	}
}

describe("list queries are served by indexes", () => {
	const next = async (query: string) => {
		const url = new URL((await list(query)).links.next as string, ORIGIN);
		return url.pathname + url.search;
	};

	it.each([
		["the default page", "/people"],
		["each sort", "/people?sort=-fare&limit=100"],
		["filters", "/people?sex=female&passengerClass=1&limit=100"],
		["filters and a sort", "/people?survived=true&sort=age&limit=100"],
	])("%s", async (_, path) => {
		for (const plan of await plansOf(path)) expectIndexed(plan);
	});

	it.each(["age", "-age", "name", "-survived", "uuid"])("a cursor page sorted by %s", async (sort) => {
		for (const plan of await plansOf(await next(`?limit=50&sort=${sort}`))) expectIndexed(plan);
	});

	it("a name search can count through the trigram index", async () => {
		const plans = await plansOf("/people?q=braund", [
			"enable_seqscan",
			"enable_indexscan",
			"enable_indexonlyscan",
		]);
		const indexes = plans.flatMap(nodes).map((node) => node["Index Name"]);
		expect(indexes).toContain("passengers_name_trgm_idx");
	});

	it("statistics without a name search read the tallies that writes keep, never the people", async () => {
		for (const path of [
			"/people/stats?groupBy=passengerClass,sex,ageBand",
			"/people/stats?survived=true&sex=male",
			"/people/stats?age=gte.18&age=lt.30&passengerClass=in.(1,2)&groupBy=ageBand",
		]) {
			const tables = (await plansOf(path, [])).flatMap(nodes).flatMap((node) => node["Relation Name"] ?? []);
			expect(new Set(tables)).toEqual(new Set(["passenger_age_tallies"]));
		}
	});
});
