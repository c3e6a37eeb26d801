import { createWriteStream } from "node:fs";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import { inertCell } from "../../lib/csv-cell";
import { CSV_HEADER } from "./passenger-csv";

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
			this.#csv = stringify({ header: true, columns: ["line", "reason", ...CSV_HEADER] });
			this.#done = pipeline(this.#csv, createWriteStream(this.path));
		}
		this.#csv.write([line, inertCell(reason), ...record.map(inertCell)]);
	}

	async close(): Promise<void> {
		this.#csv?.end();
		await this.#done;
	}
}
