import type { MiddlewareHandler } from "hono";
import { problem } from "./problem";
import type { AppBindings } from "./types";
import { WRITE_METHODS } from "./write-methods";

// The limiters' period in wrangler.toml: a client over its budget may try again after it.
const RETRY_AFTER_SECONDS = "10";

// A read spends one unit of the read budget, and one more per this many milliseconds that
// Postgres spent on it: an address pays for the database time it asks for, whatever it asks.
export const READ_COST_UNIT_MS = 10;

/**
 * Whose budget a request spends: its IPv4 address, or the /64 of its IPv6 address (one
 * subscriber usually holds a whole /64 and can rotate through it at will).
 */
export function clientKey(address: string): string {
	if (!address.includes(":")) return address;
	const [head = "", tail = ""] = address.toLowerCase().split("::");
	const front = head ? head.split(":") : [];
	const back = tail ? tail.split(":") : [];
	const groups = [...front, ...Array(Math.max(8 - front.length - back.length, 0)).fill("0"), ...back];
	return `${groups
		.slice(0, 4)
		.map((group) => Number.parseInt(group, 16).toString(16))
		.join(":")}::/64`;
}

/**
 * Per client, separate budgets for reads and writes, counted by the Workers rate-limit
 * bindings (per Cloudflare location, approximately); a read is charged its cost in
 * Postgres's time once it is known (READ_COST_UNIT_MS), a write the units it says it cost
 * (`writeUnits`: a bulk create, one per BULK_PEOPLE_PER_UNIT people). Over budget: 429 with Retry-After.
 * The client is CF-Connecting-IP, which Cloudflare's edge and `wrangler dev` always set:
 * a request without it cannot be told apart from any other, so it is refused rather than
 * counted in a budget that every such request would share.
 */
export const rateLimit: MiddlewareHandler<AppBindings> = async (c, next) => {
	const address = c.req.header("CF-Connecting-IP")?.trim();
	if (!address)
		return problem(c, 400, "no client address: requests must come through Cloudflare (CF-Connecting-IP)");
	const write = WRITE_METHODS.has(c.req.method);
	const limiter = write ? c.env.WRITE_LIMITER : c.env.READ_LIMITER;
	const key = clientKey(address);
	const { success } = await limiter.limit({ key });
	if (!success) {
		return problem(c, 429, `too many ${write ? "writes" : "reads"} from this address; slow down`, {
			headers: { "Retry-After": RETRY_AFTER_SECONDS },
		});
	}
	await next();
	const extra = write ? (c.var.writeUnits ?? 1) - 1 : Math.floor(c.var.dbTiming.pgMs / READ_COST_UNIT_MS);
	await Promise.all(Array.from({ length: extra }, () => limiter.limit({ key })));
};
