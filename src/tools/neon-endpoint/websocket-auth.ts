import type { WebSocket } from "ws";
import { startupTarget } from "./access";

// A WebSocket client's handshake, as Neon's proxy takes it: the proxy, not Postgres, asks
// for the password, in cleartext. The Neon driver's default ("password" pipelining) sends
// it right after its StartupMessage without waiting to be asked, and ignores the request;
// without pipelining it answers the request. Either way Postgres never sees a password it
// did not ask for (a trusting server would call it a protocol violation).

export interface Handshake {
	/** The StartupMessage, to send on to Postgres. */
	startup: Buffer;
	user: string;
	database: string;
	password: string;
	/**
	 * Everything the client has sent after its password (it pipelines its first queries)
	 * until now; from now on its messages are the caller's to listen to. Call it in the same
	 * turn as the caller starts listening, so that no message falls between.
	 */
	takeRest(): Buffer;
}

// AuthenticationCleartextPassword: 'R', length 8, code 3.
const ASK_FOR_PASSWORD = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]);
const PASSWORD_MESSAGE = 0x70; // 'p'

/** A FATAL ErrorResponse, the way Postgres refuses a connection. */
export function fatal(code: string, message: string): Buffer {
	const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`, "utf8");
	const head = Buffer.alloc(5);
	head.write("E", 0);
	head.writeInt32BE(fields.length + 4, 1);
	return Buffer.concat([head, fields]);
}

/**
 * Reads the client's StartupMessage, asks it for its password, and reads that: the
 * handshake, or undefined when the client sends something else (or goes away).
 */
export function readHandshake(ws: WebSocket): Promise<Handshake | undefined> {
	return new Promise((resolve) => {
		let received = Buffer.alloc(0);
		let startup: Buffer | undefined;
		const done = (handshake: Handshake | undefined) => {
			if (!handshake) ws.off("message", onMessage);
			ws.off("close", onClose);
			resolve(handshake);
		};
		const onClose = () => done(undefined);
		const onMessage = (data: Buffer) => {
			received = Buffer.concat([received, data]);
			if (!startup) {
				if (received.length < 4 || received.length < received.readInt32BE(0)) return;
				startup = received.subarray(0, received.readInt32BE(0));
				received = received.subarray(startup.length);
				if (!startupTarget(startup)) return done(undefined);
				ws.send(ASK_FOR_PASSWORD);
			}
			if (received.length < 5 || received.length < 1 + received.readInt32BE(1)) return;
			if (received[0] !== PASSWORD_MESSAGE) return done(undefined);
			const end = 1 + received.readInt32BE(1);
			const password = received.subarray(5, end - 1).toString("utf8");
			const asked = startupTarget(startup) as { user: string; database: string };
			// Past the password, everything is kept for the tunnel.
			const kept: Buffer[] = [received.subarray(end)];
			ws.off("message", onMessage);
			const keep = (more: Buffer) => kept.push(more);
			ws.on("message", keep);
			const takeRest = () => {
				ws.off("message", keep);
				return Buffer.concat(kept);
			};
			done({ startup, ...asked, password, takeRest });
		};
		ws.on("message", onMessage);
		ws.on("close", onClose);
	});
}
