// A text/csv body of POST /people: the loader's format (src/db/passenger-rows.ts), read
// into the JSON array of people it stands for, so that one validation and one INSERT serve
// both. A bad row is named by its line, and nothing is written.
import type { MiddlewareHandler } from "hono";
import { fieldsOf, headerProblems, isBlank, personFromRecord } from "../../db/passenger-rows";
import { csvRecords } from "../../lib/csv-records";
import { type FieldError, problem } from "../../lib/problem";
import type { AppBindings } from "../../lib/types";
import { MAX_BULK_PEOPLE } from "./people.create";

/** The body's people as JSON, or the problem answer that says why there are none. */
async function peopleOf(raw: Request): Promise<{ json: string } | { detail: string; errors?: FieldError[] }> {
	let text: string;
	try {
		text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(await raw.arrayBuffer());
	} catch {
		return { detail: "invalid CSV body: it is not UTF-8" };
	}
	const read = csvRecords(text);
	if ("unclosedQuoteLine" in read) {
		return { detail: `invalid CSV body: the quote opened on line ${read.unclosedQuoteLine} is never closed` };
	}
	const [header, ...records] = read.records;
	const rows = records.filter(({ fields }) => !isBlank(fields));
	const bad = header ? headerProblems(header.fields) : "it is empty; a header line and rows are expected";
	if (bad || !header) return { detail: `invalid CSV body: ${bad}` };
	if (rows.length === 0) return { detail: "invalid CSV body: it has a header but no rows" };
	if (rows.length > MAX_BULK_PEOPLE) {
		return { detail: `invalid CSV body: ${rows.length} rows; at most ${MAX_BULK_PEOPLE} people a request` };
	}
	const fields = fieldsOf(header.fields);
	const parsed = rows.map((row) => personFromRecord(row.fields, fields, row.line));
	const errors = parsed.flatMap((row) =>
		"reason" in row ? [{ path: `line ${row.line}`, message: row.reason }] : [],
	);
	if (errors.length)
		return { detail: `invalid CSV body: ${errors.length} bad row(s); nothing was written`, errors };
	return { json: JSON.stringify(parsed.map((row) => ("person" in row ? row.person : undefined))) };
}

/** Before the route's validation: a CSV body becomes the JSON array it stands for. */
export const csvBody: MiddlewareHandler<AppBindings> = async (c, next) => {
	if (!/^text\/csv\s*(;|$)/i.test(c.req.header("Content-Type") ?? "")) return next();
	const read = await peopleOf(c.req.raw);
	if (!("json" in read)) return problem(c, 400, read.detail, { errors: read.errors });
	const headers = new Headers(c.req.raw.headers);
	headers.set("Content-Type", "application/json");
	c.req.raw = new Request(c.req.raw.url, { method: c.req.method, headers, body: read.json });
	await next();
};
