import { readdirSync } from "node:fs";
import fc from "fast-check";
import { personExample, personFieldNames } from "../../db/person.schemas";
import { ASSETS_FOLDER } from "../build-assets";

export interface BadRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: string | Uint8Array;
}

const uuidish = fc.oneof(fc.uuid(), fc.string(), fc.constant("00000000-0000-0000-0000-000000000000"));
const field = fc.constantFrom<string>(...personFieldNames, "__proto__", "constructor");
// Values that broke APIs like this one: wrong types, extremes, control characters, lone surrogates.
const nasty = fc.oneof(
	fc.anything(),
	fc.double(),
	fc.constantFrom("1e400", "-0", "NaN", "\u0000", "\ud800", "x".repeat(200), "20"),
	fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
	fc.string({ unit: "grapheme", maxLength: 120 }),
);
const person = fc.dictionary(field, nasty, { maxKeys: 12 }).map((record) => JSON.stringify(record));
// A valid passenger with one field swapped for a nasty value: gets past the type checks
// that catch most random bodies, to the database's own limits.
const { uuid: _uuid, ...validPerson } = personExample;
const nearlyValidPerson = fc
	.tuple(field, nasty)
	.map(([key, value]) => JSON.stringify({ ...validPerson, [key]: value }));
const deepJson = fc.integer({ min: 1, max: 20_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth));
const hugeJson = fc
	.integer({ min: 60_000, max: 200_000 })
	.map((size) => JSON.stringify({ name: "x".repeat(size) }));
const invalidUtf8 = fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => {
	const body = new Uint8Array(bytes.length + 2);
	body.set([0xff, 0xfe]);
	body.set(bytes, 2);
	return body;
});
const body = fc.oneof(
	person,
	nearlyValidPerson,
	fc.json(),
	deepJson,
	hugeJson,
	invalidUtf8,
	fc.string(),
	fc.constant(""),
);

const queryString = fc
	.dictionary(
		fc.oneof(
			fc.constantFrom("limit", "offset", "sort", "survived", "passengerClass", "sex", "q"),
			fc.string(),
		),
		fc.oneof(
			fc.string(),
			fc.integer().map(String),
			fc.constantFrom("-1", "1e9", "9".repeat(40), "-age", "true"),
		),
	)
	.map((params) => new URLSearchParams(params).toString());

// Percent-encoding that decodes to nothing: a lone %, a non-hex digit, a cut sequence.
const brokenEncoding = fc
	.tuple(
		fc.constantFrom("q", "sex", "sort", "limit"),
		fc.constantFrom("%", "%zz", "100%", "%E0%A4%A", "%%41", "a%2"),
	)
	.map(([name, value]) => `/people?${name}=${value}`);

const path = fc.oneof(
	queryString.map((query) => `/people?${query}`),
	brokenEncoding,
	uuidish.map((id) => `/people/${encodeURIComponent(id)}`),
	fc.webPath().map((webPath) => (webPath.startsWith("/") ? webPath : `/${webPath}`)),
	fc.constantFrom("/", "/people", "/people/", "/openapi.json", "/docs", "/readyz", "//people", "/people/%00"),
);

const printable = (maxLength: number) =>
	fc.string({ maxLength }).filter((value) => /^[\x20-\x7e]*$/.test(value));

// Headers a client (or an attacker) controls, each with values the API must survive. A
// Host is a well-formed name that is not the API's: Cloudflare's edge routes by Host and
// never forwards a malformed one, whereas wrangler dev's local proxy fails on it (500)
// before the worker runs.
const host = fc.option(
	fc.oneof(
		fc.constantFrom("evil.example", "127.0.0.1:1", "[::1]", `${"a".repeat(60)}.example`),
		fc.domain(),
		fc.tuple(fc.domain(), fc.integer({ min: 1, max: 65_535 })).map(([name, port]) => `${name}:${port}`),
	),
);
const origin = fc.option(
	fc.oneof(
		fc.constantFrom("https://evil.example", "null", "http://127.0.0.1:8787", "file://"),
		printable(40),
	),
);
const accept = fc.oneof(
	fc.constantFrom(
		"*/*",
		"text/html",
		"application/json",
		"image/png",
		"application/xml",
		"text/html;q=0, */*;q=0.1",
	),
	fc.constantFrom("application/json;q=0", "text/*;q=abc", ",,,", "*/*;q=2"),
	printable(60),
);
const contentEncoding = fc.option(
	fc.oneof(fc.constantFrom("gzip", "br", "deflate", "identity", "gzip, br"), printable(20)),
);

const contentType = fc.oneof(
	fc.constantFrom("application/json", "application/merge-patch+json", "text/plain", "application/xml"),
	printable(40),
);

// The static files' top-level names, as npm run build:assets writes them.
const STATIC_FILES = new Set(readdirSync(ASSETS_FOLDER));

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"]);

/**
 * Arbitrary ill-formed requests: wrong types, huge and non-finite numbers, deep or huge
 * JSON, invalid UTF-8, broken percent-encoding, and hostile Host, Origin, Accept,
 * Authorization and Content-Encoding headers.
 */
export const badRequest: fc.Arbitrary<BadRequest> = fc
	.record({
		method: fc.constantFrom("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"),
		path,
		contentType,
		accept,
		authorization: fc.option(fc.oneof(fc.constantFrom("Bearer ", "Bearer x y", "Basic Og=="), printable(60))),
		host,
		origin,
		contentEncoding,
		body,
	})
	// Static files (/docs/, /openapi.json, …) answer a write with 405 before the worker
	// runs; wrangler dev's local proxy then fails (500) if a large body is still being
	// uploaded, a race Cloudflare's edge does not have. Writes go to the worker's paths.
	.filter(({ method, path }) => !(BODY_METHODS.has(method) && STATIC_FILES.has(path.split(/[/?]/)[1] ?? "")))
	.map(({ method, path, contentType, accept, authorization, host, origin, contentEncoding, body }) => {
		const headers: Record<string, string> = { "Content-Type": contentType, Accept: accept };
		const optional = {
			Authorization: authorization,
			Host: host,
			Origin: origin,
			"Content-Encoding": contentEncoding,
		};
		for (const [name, value] of Object.entries(optional)) if (value !== null) headers[name] = value;
		return { method, path, headers, body: BODY_METHODS.has(method) ? body : undefined };
	});
