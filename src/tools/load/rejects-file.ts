import { constants, createWriteStream, openSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import { CSV_HEADER } from "../../db/passenger-rows";
import { inertCell } from "../../lib/csv-cell";
import { CliError } from "../lib/cli";

/**
 * `<name>.rejects.csv` beside the input: each invalid row with its line and reason, made on
 * the first one. It is for reading in a spreadsheet, not for loading back: cells that
 * would run as formulas there start with an apostrophe.
 */
export class RejectsFile {
	readonly path: string;
	#csv?: ReturnType<typeof stringify>;
	#done?: Promise<void>;

	constructor(input: string) {
		this.path = join(dirname(input), `${basename(input, ".csv")}.rejects.csv`);
	}

	write(line: number, reason: string, record: string[]): void {
		if (!this.#csv) {
			const fd = this.#open();
			this.#csv = stringify({ header: true, columns: ["line", "reason", ...CSV_HEADER] });
			this.#done = pipeline(this.#csv, createWriteStream("", { fd }));
		}
		this.#csv.write([line, inertCell(reason), ...record.map(inertCell)]);
	}

	/**
	 * Never through a symbolic link: one placed at the rejects file's name would have the
	 * loader overwrite whatever it points at. Opened before the load goes on, so a refusal
	 * stops it with nothing written.
	 */
	#open(): number {
		const { O_WRONLY, O_CREAT, O_TRUNC, O_NOFOLLOW } = constants;
		try {
			return openSync(this.path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o644);
		} catch (error) {
			if ((error as { code?: string }).code !== "ELOOP") throw error;
			throw new CliError(
				`${this.path} is a symbolic link; the rejects file is never written through one: remove it`,
			);
		}
	}

	async close(): Promise<void> {
		this.#csv?.end();
		await this.#done;
	}
}
