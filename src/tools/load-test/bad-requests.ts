import fc from "fast-check";
import { personExample, personFieldNames } from "../../db/person.schemas";

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

const path = fc.oneof(
	queryString.map((query) => `/people?${query}`),
	uuidish.map((id) => `/people/${encodeURIComponent(id)}`),
	fc.webPath().map((webPath) => (webPath.startsWith("/") ? webPath : `/${webPath}`)),
	fc.constantFrom("/", "/people", "/people/", "/openapi.json", "/docs", "/readyz", "//people", "/people/%00"),
);

const contentType = fc.oneof(
	fc.constantFrom("application/json", "application/merge-patch+json", "text/plain", "application/xml"),
	fc.string({ maxLength: 40 }).filter((value) => /^[\x20-\x7e]*$/.test(value)),
);

/** Arbitrary ill-formed requests: wrong types, huge and non-finite numbers, deep or huge JSON, invalid UTF-8. */
export const badRequest: fc.Arbitrary<BadRequest> = fc
	.record({
		method: fc.constantFrom("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"),
		path,
		contentType,
		accept: fc.constantFrom("*/*", "text/html", "application/json", "image/png", "text/html;q=0, */*;q=0.1"),
		authorization: fc.option(fc.string({ maxLength: 60 }).filter((v) => /^[\x20-\x7e]*$/.test(v))),
		body,
	})
	.map(({ method, path, contentType, accept, authorization, body }) => {
		const headers: Record<string, string> = { "Content-Type": contentType, Accept: accept };
		if (authorization !== null) headers.Authorization = authorization;
		const hasBody = method !== "GET" && method !== "HEAD";
		return { method, path, headers, body: hasBody ? body : undefined };
	});

/** Sends the requests, `concurrency` at a time; each one's status, or 0 for no answer. */
export async function sendBadRequests(
	apiUrl: string,
	requests: BadRequest[],
	concurrency = 20,
): Promise<number[]> {
	const statuses: number[] = [];
	let next = 0;
	const worker = async () => {
		while (next < requests.length) {
			const request = requests[next++] as BadRequest;
			try {
				const response = await fetch(`${apiUrl}${request.path}`, {
					method: request.method,
					headers: request.headers,
					body: request.body,
					signal: AbortSignal.timeout(10_000),
				});
				await response.arrayBuffer();
				statuses.push(response.status);
			} catch {
				statuses.push(0);
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return statuses;
}
