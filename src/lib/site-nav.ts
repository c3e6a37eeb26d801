/** The site's navigation, on every page: the worker's HTML pages and the static docs page alike. */
export const SITE_NAV = [
	{ href: "/", label: "Home" },
	{ href: "/people", label: "People" },
	{ href: "/people/stats", label: "Survival" },
	{ href: "/docs/", label: "API docs" },
	{ href: "/openapi.json", label: "OpenAPI" },
] as const;

/**
 * What a page may load: only this site's own files (styles and scripts included, none
 * inline), no frames around it, forms only back here. The static files carry the same
 * policy (src/assets/_headers).
 */
export const CONTENT_SECURITY_POLICY = {
	defaultSrc: ["'none'"],
	scriptSrc: ["'self'"],
	styleSrc: ["'self'"],
	imgSrc: ["'self'", "data:"],
	connectSrc: ["'self'"],
	formAction: ["'self'"],
	baseUri: ["'none'"],
	frameAncestors: ["'none'"],
};
