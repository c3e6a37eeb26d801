// bench:api's stand-in for the Workers Cache API in plain workerd (cacheApiOutbound): an
// in-memory map. workerd sends a PUT whose body is the whole HTTP response to keep, and a
// GET that wants it back (a 504 with CF-Cache-Status: MISS when there is none).
const entries = new Map();

function parse(bytes) {
	const text = new TextDecoder().decode(bytes);
	const end = text.indexOf("\r\n\r\n");
	const [statusLine, ...lines] = text.slice(0, end).split("\r\n");
	const headers = new Headers(
		lines.map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trim()]),
	);
	const head = new TextEncoder().encode(text.slice(0, end + 4)).length;
	return { status: Number(statusLine.split(" ")[1]), headers, body: bytes.slice(head) };
}

export default {
	async fetch(request) {
		const key = request.url;
		if (request.method === "PUT") {
			const entry = parse(new Uint8Array(await request.arrayBuffer()));
			const maxAge = Number(/max-age=(\d+)/.exec(entry.headers.get("Cache-Control") ?? "")?.[1] ?? 0);
			entries.set(key, { ...entry, expires: Date.now() + maxAge * 1000 });
			return new Response(null, { status: 204 });
		}
		if (request.method === "PURGE") return new Response(null, { status: entries.delete(key) ? 200 : 404 });
		const entry = entries.get(key);
		if (!entry || entry.expires < Date.now())
			return new Response(null, { status: 504, headers: { "CF-Cache-Status": "MISS" } });
		const headers = new Headers(entry.headers);
		headers.set("CF-Cache-Status", "HIT");
		return new Response(entry.body, { status: entry.status, headers });
	},
};
