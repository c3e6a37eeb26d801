/** wrangler's own entry point, run with the Node that runs the tools (24, from the node devDependency). */
export const WRANGLER_BIN = new URL("../../../node_modules/wrangler/bin/wrangler.js", import.meta.url)
	.pathname;

/** Wrangler offline: no usage data sent, no Request.cf lookup. */
export const WRANGLER_OFFLINE_ENV = { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
