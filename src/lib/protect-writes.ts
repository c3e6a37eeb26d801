import type { MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { log } from "./log";
import { problem } from "./problem";
import type { AppBindings } from "./types";

export const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let openWritesLogged = false;

/**
 * Writes need `Authorization: Bearer <API_TOKEN>` (compared in constant time); reads stay
 * public. Without a token, local development is open (and says so once), while a deployed
 * environment refuses every write rather than run unprotected.
 */
export const protectWrites: MiddlewareHandler<AppBindings> = async (c, next) => {
	if (!WRITE_METHODS.has(c.req.method)) return next();
	const token = c.env.API_TOKEN;
	if (!token) {
		if (c.env.APP_ENV !== "local") {
			return problem(c, 503, "writes are disabled: this environment has no API_TOKEN configured");
		}
		if (!openWritesLogged) {
			openWritesLogged = true;
			log(c.env, "warn", { msg: "writes are open: API_TOKEN is not set (local development only)" });
		}
		return next();
	}
	const requireToken: MiddlewareHandler<AppBindings> = bearerAuth({
		token,
		noAuthenticationHeader: {
			message: (c) => problem(c, 401, "writes need an Authorization: Bearer <token> header"),
		},
		invalidAuthenticationHeader: {
			message: (c) => problem(c, 400, "the Authorization header must be: Bearer <token>"),
		},
		invalidToken: { message: (c) => problem(c, 401, "the bearer token is not valid") },
	});
	return requireToken(c, next);
};
