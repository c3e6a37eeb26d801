import { describeError } from "../lib/cli";
import { journalOf, MIGRATIONS_FOLDER } from "../migrate";

export interface SmokeOptions {
	/** The migration /readyz must name: by default the newest in this checkout's drizzle/. */
	expectMigration?: string;
	/** Sent with every request, e.g. Cloudflare-Workers-Version-Overrides to reach one version. */
	headers?: Record<string, string>;
}

export interface CheckResult {
	name: string;
	ok: boolean;
	detail: string;
}

/** The newest migration in a migrations folder (this checkout's unless another is named). */
export function newestMigrationTag(folder = MIGRATIONS_FOLDER): string {
	return journalOf(folder).at(-1)?.tag ?? "none";
}

/** One line per check, as every command that runs them prints it. */
export function checkLine(result: CheckResult): string {
	return `${result.ok ? "✓" : "✗"} ${result.name}: ${result.detail}`;
}

class Failed extends Error {}

function expectThat(condition: unknown, detail: string): asserts condition {
	if (!condition) throw new Failed(detail);
}

/**
 * What a deployment must do before it takes traffic, in the order a client meets it: be
 * ready with the expected schema, read, revalidate, and refuse a write without the token.
 * Each check runs even when an earlier one failed, so one run names every failure. The
 * write is refused before its body is read, so the check writes nothing anywhere.
 */
export async function runSmokeChecks(baseUrl: string, options: SmokeOptions = {}): Promise<CheckResult[]> {
	const expected = options.expectMigration ?? newestMigrationTag();
	const get = (path: string, headers: Record<string, string> = {}) =>
		fetch(new URL(path, baseUrl), {
			headers: { Accept: "application/json", ...options.headers, ...headers },
			redirect: "manual",
			signal: AbortSignal.timeout(10_000),
		});
	let listEtag: string | null = null;
	const checks: [string, () => Promise<string>][] = [
		[
			"readiness",
			async () => {
				const response = await get("/readyz");
				const body = (await response.json().catch(() => ({}))) as { migration?: string; detail?: string };
				expectThat(response.status === 200, `/readyz answered ${response.status}: ${body.detail ?? ""}`);
				expectThat(body.migration === expected, `/readyz names migration ${body.migration}, not ${expected}`);
				return `ready at migration ${expected}`;
			},
		],
		[
			"read",
			async () => {
				const response = await get("/people?limit=1");
				expectThat(response.status === 200, `GET /people?limit=1 answered ${response.status}`);
				const people = (await response.json()) as { uuid?: string }[];
				expectThat(Array.isArray(people), "GET /people?limit=1 did not answer a JSON array");
				listEtag = response.headers.get("ETag");
				const total = response.headers.get("X-Total-Count");
				const first = people[0]?.uuid;
				if (!first) return `an empty list (X-Total-Count ${total})`;
				const person = await get(`/people/${first}`);
				const read = (await person.json().catch(() => ({}))) as { uuid?: string };
				expectThat(
					person.status === 200 && read.uuid === first,
					`GET /people/${first} answered ${person.status}`,
				);
				return `${total} people; one read by uuid`;
			},
		],
		[
			"revalidation",
			async () => {
				expectThat(listEtag, "the list carried no ETag to revalidate");
				const response = await get("/people?limit=1", { "If-None-Match": listEtag });
				expectThat(response.status === 304, `If-None-Match ${listEtag} answered ${response.status}, not 304`);
				return "304 Not Modified";
			},
		],
		[
			"write refused without the token",
			async () => {
				const response = await fetch(new URL("/people", baseUrl), {
					method: "POST",
					headers: { "Content-Type": "application/json", ...options.headers },
					body: "{}",
					signal: AbortSignal.timeout(10_000),
				});
				const why = response.status === 503 ? "no API_TOKEN is set" : "writes are open";
				expectThat(
					response.status === 401,
					`a POST without Authorization answered ${response.status}: ${why}`,
				);
				return "401 Unauthorized";
			},
		],
	];
	const results: CheckResult[] = [];
	for (const [name, check] of checks) {
		try {
			results.push({ name, ok: true, detail: await check() });
		} catch (error) {
			const detail =
				error instanceof Failed
					? error.message
					: `no answer: ${describeError((error as Error).cause ?? error)}`;
			results.push({ name, ok: false, detail });
		}
	}
	return results;
}
