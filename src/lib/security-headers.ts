import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { CONTENT_SECURITY_POLICY } from "./site-nav";

// hono's secure headers, less those for clients that are gone: X-XSS-Protection (no
// browser has the filter it turns off), X-Download-Options (Internet Explorer 8),
// X-Permitted-Cross-Domain-Policies (Flash; the API serves no policy file), the
// non-standard X-DNS-Prefetch-Control, and X-Frame-Options, which every browser that is
// left reads from the policy's frame-ancestors instead. Each header costs bytes and worker
// time on every answer, cache hits included.
const NONE_FOR_GONE_CLIENTS = {
	xXssProtection: false,
	xDownloadOptions: false,
	xPermittedCrossDomainPolicies: false,
	xDnsPrefetchControl: false,
	xFrameOptions: false,
	// Nothing here sets X-Powered-By: no need to delete it from every answer.
	removePoweredBy: false,
} as const;

/** HTTPS only, for half a year, subdomains too: the worker's answers and the static files alike. */
export const STRICT_TRANSPORT_SECURITY = "max-age=15552000; includeSubDomains";

// Every answer: HTTPS only, no sniffing, no cross-origin embedding, and a policy under
// which an answer opened as a page loads nothing and is framed nowhere (OWASP's advice
// for APIs).
const EVERY_ANSWER = secureHeaders({
	...NONE_FOR_GONE_CLIENTS,
	contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
	strictTransportSecurity: STRICT_TRANSPORT_SECURITY,
	crossOriginOpenerPolicy: false,
	originAgentCluster: false,
	referrerPolicy: false,
});

// Only a document uses these: the pages' own policy (in place of the one above), the
// browsing-context and agent-cluster isolation, and the referrer its links and forms send.
const DOCUMENTS_ALSO = secureHeaders({
	...NONE_FOR_GONE_CLIENTS,
	contentSecurityPolicy: CONTENT_SECURITY_POLICY,
	crossOriginResourcePolicy: false,
	strictTransportSecurity: false,
	xContentTypeOptions: false,
});

const NOTHING_FURTHER = async () => {};

/** Security headers for every answer, and the document-only ones for HTML pages. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
	await EVERY_ANSWER(c, next);
	if (c.res.headers.get("Content-Type")?.startsWith("text/html")) await DOCUMENTS_ALSO(c, NOTHING_FURTHER);
};
