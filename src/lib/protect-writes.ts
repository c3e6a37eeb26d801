import type { MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { timingSafeEqual } from "hono/utils/buffer";
import { log } from "./log";
import { problem } from "./problem";
import type { AppBindings } from "./types";
import { WRITE_METHODS } from "./write-methods";

let openWritesLogged = false;

// Built once: the token is read from each request's environment, compared in constant time.
const requireToken: MiddlewareHandler<AppBindings> = bearerAuth({
	verifyToken: (token, c) => timingSafeEqual(token, (c.env as Env).API_TOKEN ?? ""),
	noAuthenticationHeader: {
		message: (c) => problem(c, 401, "writes need an Authorization: Bearer <token> header"),
	},
	invalidAuthenticationHeader: {
		message: (c) => problem(c, 400, "the Authorization header must be: Bearer <token>"),
	},
	invalidToken: { message: (c) => problem(c, 401, "the bearer token is not valid") },
});

/**
 * Writes need `Authorization: Bearer <API_TOKEN>`; reads stay public. Without a token,
 * every write is refused rather than run unprotected, unless OPEN_WRITES is "true", which
 * only the local tooling sets (and which the log then mentions once), and then only from
 * the API's own origin.
 */
export const protectWrites: MiddlewareHandler<AppBindings> = async (c, next) => {
	if (!WRITE_METHODS.has(c.req.method)) return next();
	if (c.env.API_TOKEN) return requireToken(c, next);
	if (c.env.OPEN_WRITES !== "true") {
		return problem(c, 503, "writes are disabled: this environment has no API_TOKEN configured");
	}
	// Open writes are the developer's own: a page of another origin (any site the developer
	// visits while npm run dev runs) must not write, whatever CORS lets it read.
	const origin = c.req.header("Origin");
	if (origin && origin !== new URL(c.req.url).origin) {
		return problem(c, 403, `writes without a token are open to this origin only, not to a page on ${origin}`);
	}
	if (!openWritesLogged) {
		openWritesLogged = true;
		log(c.env, "warn", { msg: "writes are open: API_TOKEN is not set (local development only)" });
	}
	return next();
};
