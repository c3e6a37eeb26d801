import type { MiddlewareHandler } from "hono";
import { problem } from "./problem";
import { WRITE_METHODS } from "./protect-writes";
import type { AppBindings } from "./types";

// The limiters' period in wrangler.toml: a client over its budget may try again after it.
const RETRY_AFTER_SECONDS = "10";

/**
 * Per client IP, separate budgets for reads and writes, counted by the Workers rate-limit
 * bindings (per Cloudflare location, approximately). Over budget: 429 with Retry-After.
 */
export const rateLimit: MiddlewareHandler<AppBindings> = async (c, next) => {
	const write = WRITE_METHODS.has(c.req.method);
	const limiter = write ? c.env.WRITE_LIMITER : c.env.READ_LIMITER;
	const key = c.req.header("cf-connecting-ip") ?? "unknown";
	const { success } = await limiter.limit({ key });
	if (!success) {
		return problem(c, 429, `too many ${write ? "writes" : "reads"} from this address; slow down`, {
			headers: { "Retry-After": RETRY_AFTER_SECONDS },
		});
	}
	await next();
};
