// A module of its own: the read cache, the rate limiter and the failure mapping need the set,
// and importing it from protect-writes would put hono's bearer-auth on a cache hit's path.
/** The methods that change data: they need a token, have a budget of their own and retire cached answers. */
export const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
