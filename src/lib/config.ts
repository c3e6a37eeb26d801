import type { MiddlewareHandler } from "hono";
import { LOG_LEVELS } from "./log";
import { problem } from "./problem";
import type { AppBindings } from "./types";

// Plain checks rather than a zod schema: every request meets this, cache hits included,
// and a hit should not have to load zod.
const oneOf = (values: readonly string[]) => (value: string | undefined) =>
	value !== undefined && values.includes(value) ? undefined : `must be one of ${values.join(", ")}`;
const wholeSeconds = (min: 0 | 1) => (value: string | undefined) =>
	/^(0|[1-9]\d{0,5})$/.test(value ?? "") && Number(value) >= min
		? undefined
		: `must be a whole number of seconds, ${min} or more`;

// The [vars] whose values the code relies on (wrangler.toml sets them per environment): what each must be.
const RULES: Record<string, (value: string | undefined, env: Env) => string | undefined> = {
	APP_ENV: oneOf(["local", "preview", "staging", "production"]),
	LOG_LEVEL: oneOf(LOG_LEVELS),
	CACHE_TTL_SECONDS: wholeSeconds(1),
	// 0 turns the use off.
	CACHE_STALE_SECONDS: wholeSeconds(0),
	CACHE_STALE_IF_ERROR_SECONDS: wholeSeconds(0),
	// Open writes in a deployed environment are a mistake, whatever set them.
	OPEN_WRITES: (value, env) =>
		value === undefined || value === "false" || (value === "true" && env.APP_ENV === "local")
			? undefined
			: 'may be "true" only where APP_ENV is local, else "false"',
};

// One check per env object: workerd hands every request of an isolate the same one.
const checked = new WeakMap<object, string | undefined>();

function problemsOf(env: Env): string | undefined {
	if (!checked.has(env)) {
		const settings = env as unknown as Record<string, string | undefined>;
		const problems = Object.entries(RULES).flatMap(([name, rule]) => {
			const message = rule(settings[name], env);
			return message ? [`${name}: ${message}`] : [];
		});
		checked.set(env, problems.join("; ") || undefined);
	}
	return checked.get(env);
}

/**
 * Refuses to serve with a misconfigured environment (an APP_ENV, LOG_LEVEL, one of the
 * cache's lifetimes or OPEN_WRITES that wrangler.toml cannot mean): a 500 problem for
 * every request and a log line naming the setting, rather than running with a guess.
 */
export const checkConfig: MiddlewareHandler<AppBindings> = async (c, next) => {
	const problems = problemsOf(c.env);
	if (!problems) return next();
	// Straight to the console: log() filters by the very LOG_LEVEL that may be wrong.
	console.error(
		JSON.stringify({ level: "error", msg: `misconfigured: ${problems}`, requestId: c.get("requestId") }),
	);
	return problem(c, 500, "the server is misconfigured; its log says which setting");
};
