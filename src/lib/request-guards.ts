import type { MiddlewareHandler } from "hono";
import { parseAccept } from "hono/utils/accept";
import { LIVE_PATHS } from "./http-caching";
import { LIST_REPRESENTATIONS } from "./negotiate";
import { PROBLEM_CONTENT_TYPE, problem } from "./problem";
import type { AppBindings } from "./types";

// What the API answers in: every representation content negotiation knows, and problems.
const SERVED_TYPES: readonly string[] = [...LIST_REPRESENTATIONS, PROBLEM_CONTENT_TYPE];

function serves(range: string): boolean {
	if (range === "*/*") return true;
	if (range.endsWith("/*")) return SERVED_TYPES.some((type) => type.startsWith(range.slice(0, -1)));
	return SERVED_TYPES.includes(range);
}

/** An absent or empty Accept takes anything; otherwise one of its ranges must name what the API serves. */
function acceptable(accept: string | undefined): boolean {
	if (!accept?.trim()) return true;
	return parseAccept(accept).some(({ type, q }) => q > 0 && serves(type.toLowerCase()));
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
 * asked), an encoded body (415: bodies are plain JSON), and an Accept that excludes both
 * JSON and HTML (406; health checks excepted).
 */
export const requestGuards: MiddlewareHandler<AppBindings> = async (c, next) => {
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
	// A monitor's health check is answered whatever it accepts.
	if (!LIVE_PATHS.has(c.req.path) && !acceptable(c.req.header("Accept"))) {
		return problem(
			c,
			406,
			"this API answers in application/json or text/html; the Accept header allows neither",
		);
	}
	await next();
};
