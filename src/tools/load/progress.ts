import { SingleBar } from "cli-progress";

export interface Progress {
	/** Rows done so far and how far into the file the reader is, in bytes. */
	update(rows: number, position: number): void;
	stop(): void;
}

const LOG_EVERY_MS = 2_000;

/**
 * Progress through a file of `totalBytes`: a bar with rows, rows/s and ETA on a terminal,
 * a plain line every two seconds otherwise (CI logs, pipes), nothing when quiet.
 */
export function createProgress(totalBytes: number, mode: "tty" | "log" | "quiet"): Progress {
	const started = Date.now();
	const rate = (rows: number) => Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001));
	if (mode === "quiet") return { update() {}, stop() {} };
	if (mode === "log") {
		let lastLog = started;
		return {
			update(rows, position) {
				if (Date.now() - lastLog < LOG_EVERY_MS) return;
				lastLog = Date.now();
				const percent = Math.round((100 * position) / Math.max(totalBytes, 1));
				console.error(`db:load: ${rows} rows (${percent}% of the file), ${rate(rows)} rows/s`);
			},
			stop() {},
		};
	}
	const bar = new SingleBar({
		format: "db:load [{bar}] {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted}",
		hideCursor: true,
		stream: process.stderr,
	});
	bar.start(totalBytes, 0, { rows: 0, speed: 0 });
	return {
		update(rows, position) {
			bar.update(position, { rows, speed: rate(rows) });
		},
		stop() {
			bar.stop();
		},
	};
}
