import { request as httpRequest } from "node:http";
import type { BadRequest } from "./bad-requests";

/**
 * One request through node:http rather than fetch, which would replace a Host header with
 * the real one; its status, or 0 for no answer within 10 s. A connection of its own
 * (`agent: false`): a server may answer before reading a bad body, and the unread bytes
 * must not become the next request on a reused connection.
 */
function send(api: URL, request: BadRequest): Promise<number> {
	return new Promise((resolve) => {
		try {
			const { method, path, headers, body } = request;
			const outgoing = httpRequest(
				{ host: api.hostname, port: api.port, method, path, headers, timeout: 10_000, agent: false },
				(response) => {
					response.resume();
					response.on("end", () => resolve(response.statusCode ?? 0));
					response.on("error", () => resolve(0));
				},
			);
			outgoing.on("timeout", () => outgoing.destroy());
			outgoing.on("error", () => resolve(0));
			outgoing.end(body);
		} catch {
			resolve(0);
		}
	});
}

/** Sends the requests, `concurrency` at a time; each one's status, or 0 for no answer. */
export async function sendBadRequests(
	apiUrl: string,
	requests: BadRequest[],
	concurrency = 20,
): Promise<number[]> {
	const statuses: number[] = [];
	const api = new URL(apiUrl);
	let next = 0;
	const worker = async () => {
		while (next < requests.length) statuses.push(await send(api, requests[next++] as BadRequest));
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return statuses;
}
