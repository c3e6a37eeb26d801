import type { MiddlewareHandler } from "hono";
import { parseAccept } from "hono/utils/accept";
import type { Records } from "./edge-cache";
import { LIVE_PATHS } from "./http-caching";
import { LIST_REPRESENTATIONS, REPRESENTATIONS } from "./negotiate";
import { PROBLEM_CONTENT_TYPE, problem } from "./problem";
import type { AppBindings } from "./types";

function serves(types: readonly string[], range: string): boolean {
	if (range === "*/*") return true;
	if (range.endsWith("/*")) return types.some((type) => type.startsWith(range.slice(0, -1)));
	return types.includes(range);
}

/** An absent or empty Accept takes anything; otherwise one of its ranges must name a type in `types`. */
function acceptable(types: readonly string[], accept: string | undefined): boolean {
	if (!accept?.trim()) return true;
	return parseAccept(accept).some(({ type, q }) => q > 0 && serves(types, type.toLowerCase()));
}

/** What a 406 says: the types this path answers in, and where CSV is when it is not here. */
function notAcceptable(representations: readonly string[]): string {
	const listed = `${representations.slice(0, -1).join(", ")} or ${representations.at(-1)}`;
	const csv = representations.includes("text/csv") ? "" : " (CSV is the list's: /people)";
	return `this resource answers in ${listed}${csv}; the Accept header allows none of them`;
}

function wellFormedQuery(url: string): boolean {
	const query = url.indexOf("?");
	if (query < 0) return true;
	try {
		decodeURIComponent(url.slice(query + 1).replaceAll("+", " "));
		return true;
	} catch {
		return false;
	}
}

/**
 * Refuses, before any work, a request the API cannot read or answer: a query with broken
 * percent-encoding (400: reading `%zz` as text would answer another question than the one
 * asked), an encoded body (415: bodies are plain JSON), and an Accept that excludes every
 * representation of the path: JSON and HTML, and CSV where `records` says the path has it
 * (406; health checks excepted).
 */
export function requestGuards(records: Pick<Records, "answersCsv">): MiddlewareHandler<AppBindings> {
	return async (c, next) => {
		if (!wellFormedQuery(c.req.url)) {
			return problem(c, 400, "the query string has malformed percent-encoding (a % must begin %XX)");
		}
		const encoding = c.req.header("Content-Encoding")?.trim().toLowerCase();
		if (encoding && encoding !== "identity") {
			return problem(
				c,
				415,
				`request bodies must not be encoded; Content-Encoding: ${encoding.slice(0, 40)} is not accepted`,
			);
		}
		const representations = records.answersCsv(c.req.path) ? LIST_REPRESENTATIONS : REPRESENTATIONS;
		const types = [...representations, PROBLEM_CONTENT_TYPE];
		// A monitor's health check is answered whatever it accepts.
		if (!LIVE_PATHS.has(c.req.path) && !acceptable(types, c.req.header("Accept"))) {
			return problem(c, 406, notAcceptable(representations));
		}
		await next();
	};
}
