import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { CliError } from "./cli";

// npm run dev's embedded database lives in .data/ of the folder it runs in: one process at a
// time opens it (two would lose writes), and while dev runs, others reach it through it.
const DATA = ".data";
export const EMBEDDED_DATA_DIR = `${DATA}/pglite`;
const LOCK = `${DATA}/dev.pid`;
// Where a running npm run dev serves its embedded database (a Postgres URL on 127.0.0.1).
const SERVED_AT = `${DATA}/dev.database-url`;

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function holder(): number | undefined {
	try {
		const pid = Number(readFileSync(LOCK, "utf8"));
		return isRunning(pid) ? pid : undefined;
	} catch {
		return undefined;
	}
}

/** Takes .data/ for this process; a lock left by a dead process is taken over. Returns the release. */
export function lockData(): () => void {
	mkdirSync(DATA, { recursive: true });
	try {
		writeFileSync(LOCK, String(process.pid), { flag: "wx" });
	} catch {
		const pid = holder();
		if (pid) {
			throw new CliError(
				`another npm run dev or db:load --embedded (process ${pid}) is using ${DATA}/ in this checkout; stop it first`,
			);
		}
		writeFileSync(LOCK, String(process.pid));
	}
	return () => {
		rmSync(SERVED_AT, { force: true });
		rmSync(LOCK, { force: true });
	};
}

/** Says where this process (holding the lock) serves the embedded database; lockData's release forgets it. */
export function announceEmbeddedDatabase(url: string): void {
	writeFileSync(SERVED_AT, url, { mode: 0o600 });
}

/** The URL a running npm run dev serves its embedded database at, if one runs here. */
export function runningEmbeddedDatabase(): string | undefined {
	if (!holder()) return undefined;
	try {
		return readFileSync(SERVED_AT, "utf8").trim() || undefined;
	} catch {
		return undefined;
	}
}
