import { z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { LOG_LEVELS } from "./log";
import { problem } from "./problem";
import type { AppBindings } from "./types";

// 0 turns the use off.
const seconds = z.string().regex(/^(0|[1-9]\d{0,5})$/, "must be a whole number of seconds, 0 or more");

// The [vars] whose values the code relies on; wrangler.toml sets them per environment.
const configSchema = z
	.object({
		APP_ENV: z.enum(["local", "preview", "staging", "production"]),
		LOG_LEVEL: z.enum(LOG_LEVELS),
		CACHE_TTL_SECONDS: z.string().regex(/^[1-9]\d{0,5}$/, "must be a whole number of seconds, 1 or more"),
		CACHE_STALE_SECONDS: seconds,
		CACHE_STALE_IF_ERROR_SECONDS: seconds,
		OPEN_WRITES: z.enum(["true", "false"]).optional(),
	})
	// Open writes in a deployed environment are a mistake, whatever set them.
	.refine((env) => env.OPEN_WRITES !== "true" || env.APP_ENV === "local", {
		path: ["OPEN_WRITES"],
		message: 'may be "true" only where APP_ENV is local',
	});

// One check per env object: workerd hands every request of an isolate the same one.
const checked = new WeakMap<object, string | undefined>();

function problemsOf(env: Env): string | undefined {
	if (!checked.has(env)) {
		const result = configSchema.safeParse(env);
		const problems = result.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
		checked.set(env, problems?.join("; "));
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
