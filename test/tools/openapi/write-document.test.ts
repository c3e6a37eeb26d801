import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TOOL_RUNNER } from "../../../src/tools/lib/checkout";

/** The document as build-assets writes it: the worker's app loaded in Node. */
function writtenDocument(): unknown {
	const folder = mkdtempSync(join(tmpdir(), "titanic-openapi-"));
	try {
		const path = join(folder, "openapi.json");
		const write = spawnSync(process.execPath, [...TOOL_RUNNER, "src/tools/openapi/write-document.ts", path]);
		expect(write.status).toBe(0);
		return JSON.parse(readFileSync(path, "utf8"));
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

interface Operation {
	operationId?: string;
	security?: unknown;
	responses: Record<
		string,
		{ content?: Record<string, { schema: unknown }>; headers?: Record<string, unknown> }
	>;
	parameters?: { name: string; in: string }[];
	requestBody?: { content: Record<string, unknown> };
}

describe("the OpenAPI document (/openapi.json, written at build time)", () => {
	it("is an OpenAPI 3.1 document of every route and status the API answers", () => {
		const doc = writtenDocument() as {
			openapi: string;
			servers: unknown;
			paths: Record<string, Record<string, Operation>>;
			components: {
				schemas: Record<string, { example?: unknown; properties?: Record<string, { pattern?: string }> }>;
			};
		};
		expect(doc.openapi).toBe("3.1.0");
		expect(doc.servers).toEqual([{ url: "/" }]);
		const statuses = (path: string, method: string) =>
			Object.keys(doc.paths[path]?.[method]?.responses ?? {}).sort();
		const writes = ["400", "401", "406", "413", "415", "429", "503", "504"];
		expect(statuses("/people", "get")).toEqual(["200", "400", "406", "429", "503"]);
		expect(statuses("/people", "post")).toEqual(["201", "409", "422", ...writes].sort());
		expect(statuses("/people/{uuid}", "get")).toEqual(["200", "400", "404", "406", "429", "503"]);
		expect(statuses("/people/{uuid}", "put")).toEqual(["200", "204", "404", "412", ...writes].sort());
		expect(statuses("/people/{uuid}", "patch")).toEqual(["200", "204", "404", "412", ...writes].sort());
		expect(statuses("/people/{uuid}", "delete")).toEqual([
			"200",
			"204",
			"400",
			"401",
			"404",
			"406",
			"412",
			"429",
			"503",
		]);
		const patchBody = doc.paths["/people/{uuid}"]?.patch?.requestBody?.content ?? {};
		expect(Object.keys(patchBody)).toEqual(["application/json", "application/merge-patch+json"]);
		const postBody = doc.paths["/people"]?.post?.requestBody?.content ?? {};
		expect(Object.keys(postBody)).toEqual(["application/json", "text/csv"]);
		expect(statuses("/readyz", "get")).toEqual(["200", "400", "503"]);
		expect(statuses("/healthz", "get")).toEqual(["200", "400"]);
		expect(doc.paths["/people"]?.post?.security).toEqual([{ bearerAuth: [] }]);
		expect(doc.paths["/people"]?.get?.parameters?.map((p) => p.name).sort()).toEqual(
			[
				"age",
				"bookmark",
				"cursor",
				"fare",
				"limit",
				"offset",
				"parentsOrChildrenAboard",
				"passengerClass",
				"prefer",
				"q",
				"select",
				"sex",
				"siblingsOrSpousesAboard",
				"sort",
				"survived",
			].sort(),
		);
		// The filters as PostgREST writes them, exactly: the items' pattern takes what the API takes.
		const params = doc.paths["/people"]?.get?.parameters as unknown as {
			name: string;
			explode?: boolean;
			schema: { items?: { pattern: string }; pattern?: string };
		}[];
		const param = (name: string) => params.find((p) => p.name === name);
		const age = new RegExp(param("age")?.schema.items?.pattern ?? "^$");
		expect(["18", "gte.18", "lt.0.42", "in.(1,2.5)"].filter((v) => age.test(v))).toHaveLength(4);
		expect(["between.1", "gte.", "1e2", "in.()", "-1"].filter((v) => age.test(v))).toEqual([]);
		expect(param("age")?.explode).toBe(true);
		const sex = new RegExp(param("sex")?.schema.items?.pattern ?? "^$");
		expect(["female", "in.(female,other)", "gt.male"].map((v) => sex.test(v))).toEqual([true, true, false]);
		expect(new RegExp(param("select")?.schema.pattern ?? "^$").test("name,age")).toBe(true);
		const post = doc.paths["/people"]?.post as unknown as {
			parameters: { name: string }[];
			requestBody: { content: { "application/json": { schema: { anyOf: { maxItems?: number }[] } } } };
		};
		expect(post.parameters.map((p) => p.name)).toEqual(["prefer", "idempotency-key"]);
		expect(post.requestBody.content["application/json"].schema.anyOf[1]?.maxItems).toBe(1000);
		// Every read may carry a bookmark; every read and write answers one.
		for (const path of ["/people", "/people/{uuid}", "/people/stats"]) {
			expect(doc.paths[path]?.get?.parameters, path).toContainEqual(
				expect.objectContaining({ name: "bookmark", in: "header" }),
			);
		}
		const answered: [string, string, string][] = [
			["/people", "get", "200"],
			["/people/{uuid}", "get", "200"],
			["/people/stats", "get", "200"],
			["/people", "post", "201"],
			["/people/{uuid}", "put", "200"],
			["/people/{uuid}", "patch", "200"],
			["/people/{uuid}", "delete", "204"],
		];
		for (const [path, method, status] of answered) {
			expect(
				Object.keys(doc.paths[path]?.[method]?.responses[status]?.headers ?? {}),
				`${method} ${path}`,
			).toContain("Bookmark");
		}
		expect(doc.components.schemas.Person?.example).toMatchObject({ name: "Mr. Owen Harris Braund" });
		// The name rule as JSON Schema validators read it (u flag): the example passes, a blank fails.
		const pattern = new RegExp(doc.components.schemas.Person?.properties?.name?.pattern ?? "", "u");
		expect([pattern.test("Mr. Owen Harris Braund"), pattern.test("\u200b")]).toEqual([true, false]);
		const operationIds = Object.values(doc.paths).flatMap((methods) =>
			Object.values(methods).map((op) => op.operationId),
		);
		expect(operationIds.sort()).toEqual([
			"alive",
			"createPerson",
			"deletePerson",
			"getPerson",
			"landing",
			"listPeople",
			"peopleStats",
			"ready",
			"replacePerson",
			"updatePerson",
		]);
		expect(doc.paths["/people"]?.get?.security).toEqual([]);
		expect(Object.keys(doc.paths["/people"]?.get?.responses["400"]?.content ?? {})).toEqual([
			"application/problem+json",
		]);
	});
});
