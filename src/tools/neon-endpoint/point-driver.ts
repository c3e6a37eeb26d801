import type { neonConfig } from "@neondatabase/serverless";

/**
 * Points the Neon driver's WebSocket client (`Client`, `Pool`) at a local endpoint
 * (`host:port/secret`) instead of Neon: plain ws, no TLS inside it. The handshake stays the
 * driver's default (the password sent right after the StartupMessage), as against Neon. No
 * Node dependencies, so tests inside workerd use it too.
 */
export function pointDriverAtLocalEndpoint(config: typeof neonConfig, webSocketHost: string): void {
	config.wsProxy = (host, port) => `${webSocketHost}/v2?address=${host}:${port}`;
	config.useSecureWebSocket = false;
	config.pipelineTLS = false;
}

/** The `webSocketHost` of the endpoint whose HTTP URL (NEON_HTTP_ENDPOINT) this is. */
export function webSocketHostOf(httpUrl: string): string {
	const url = new URL(httpUrl);
	return `${url.host}${url.pathname.replace(/\/sql$/, "")}`;
}
