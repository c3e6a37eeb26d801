// What the loader checks of a CSV file before it reads it row by row: that it can be
// opened, and whether its header carries the uuid column.
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { UUID_CSV_COLUMN } from "../../db/passenger-fields";
import { CliError } from "../lib/cli";

/** The loader's words for a file it cannot open, or nothing for another error. */
export function throwIfUnopenable(path: string, error: unknown): void {
	const code = (error as { code?: string }).code;
	if (code === "ENOENT") throw new CliError(`no such file: ${path}`);
	if (code === "EISDIR") throw new CliError(`not a file: ${path}`);
	if (code === "EACCES") throw new CliError(`cannot read ${path}: permission denied`);
}

/** Whether the file's header has the uuid column: its rows then name their people. */
export function hasUuidColumn(path: string): boolean {
	const fd = openSync(path, "r");
	try {
		const start = Buffer.alloc(4096);
		const text = start.subarray(0, readSync(fd, start)).toString("utf8");
		const header = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/)[0] ?? "";
		return header.split(",").some((column) => column.replaceAll('"', "").trim() === UUID_CSV_COLUMN);
	} finally {
		closeSync(fd);
	}
}

/** Throws what reading the file would, before any work starts. */
export function checkReadableFile(path: string): void {
	try {
		closeSync(openSync(path, "r"));
		if (!statSync(path).isFile()) throw Object.assign(new Error(path), { code: "EISDIR" });
	} catch (error) {
		throwIfUnopenable(path, error);
		throw error;
	}
}
