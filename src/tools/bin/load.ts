// npm run db:load -- <file.csv> [--dry-run] [--batch-size N] [--replace] [--skip-invalid] [--embedded]
// DATABASE_URL names the database; --embedded loads into npm run dev's embedded one instead.
import { CliError, commandFlags, EXIT, requiredPostgresUrl, runCommand, wholeNumberFlag } from "../lib/cli";
import { withNeonClient } from "../lib/neon-driver";
import { checkReadableFile } from "../load/csv-file";
import { embeddedTarget, type LoadTarget } from "../load/embedded-target";
import { checkPassengers, loadPassengers } from "../load/load-passengers";
import { DEFAULT_BATCH_SIZE, type ScanResult } from "../load/scan-passengers";

const USAGE =
	"npm run db:load -- <file.csv> [--dry-run] [--batch-size N] [--replace] [--skip-invalid] [--embedded]";

runCommand(
	"db:load",
	async () => {
		const { file, dryRun, batchSize, replace, skipInvalid, embedded } = commandFlags(
			"db:load",
			USAGE,
			{
				"dry-run": { type: "boolean" },
				"batch-size": { type: "string" },
				replace: { type: "boolean" },
				"skip-invalid": { type: "boolean" },
				embedded: { type: "boolean" },
			},
			(values, positionals) => {
				if (positionals.length !== 1) throw new CliError("name one CSV file");
				return {
					file: positionals[0] ?? "",
					dryRun: values["dry-run"] ?? false,
					batchSize: wholeNumberFlag("batch-size", values["batch-size"] ?? String(DEFAULT_BATCH_SIZE)),
					replace: values.replace ?? false,
					skipInvalid: values["skip-invalid"] ?? false,
					embedded: values.embedded ?? false,
				};
			},
			true,
		);
		const progress = process.stderr.isTTY ? "tty" : "log";
		if (dryRun) {
			const scan = await checkPassengers(file, { batchSize, progress });
			console.log(`db:load: dry run: ${scan.rows} valid rows in ${file}; nothing was written`);
			return;
		}
		// Before anything else: a file that is not there is the first thing to hear about.
		checkReadableFile(file);
		const target = embedded ? await embeddedTarget() : databaseTarget();
		// Ctrl-C ends the process; the open transaction dies with its connection, leaving the table as it was.
		process.once("SIGINT", () => {
			console.error("db:load: interrupted; nothing was loaded");
			process.exit(130);
		});
		console.error(`db:load: loading ${file} into ${target.name} in one transaction`);
		const result = await withNeonClient(target.url, (client) =>
			loadPassengers(client, file, { batchSize, replace, skipInvalid, progress }),
		)
			.catch((error: unknown) => {
				throw isMissingTable(error)
					? new CliError(
							"the database has no passenger tables yet: run npm run db:migrate first",
							EXIT.database,
						)
					: error;
			})
			.finally(() => target.release());
		if (result.outcome === "already-loaded") {
			const { rows, loadedAt, fileName } = result.previous;
			console.log(
				`db:load: ${file} was loaded already (${rows} rows, as ${fileName}, at ${loadedAt.toISOString()}); nothing to do (--replace reloads it)`,
			);
			return;
		}
		if (result.replacedRows) console.log(`db:load: replaced ${result.replacedRows} rows of earlier loads`);
		console.log(`db:load: ${summary(result)}`);
		if (result.existing) {
			console.log(
				`db:load: ${result.existing} of them were there already (the same uuid) and were left as they are`,
			);
		}
		if (result.rejectsFile) {
			console.error(`db:load: skipped ${result.rejected} invalid row(s); see ${result.rejectsFile}`);
		}
	},
	USAGE,
);

/** DATABASE_URL's database, named by its host. */
function databaseTarget(): LoadTarget {
	const url = requiredPostgresUrl("DATABASE_URL");
	return { url, name: new URL(url).host, release: async () => {} };
}

/** Postgres' undefined_table, as the driver or drizzle (in `cause`) reports it. */
function isMissingTable(error: unknown): boolean {
	const { code, cause } = error as { code?: string; cause?: { code?: string } };
	return code === "42P01" || cause?.code === "42P01";
}

function summary({ rows, seconds }: ScanResult): string {
	const rate = Math.round(rows / Math.max(seconds, 0.001));
	const peakMegabytes = Math.round(process.resourceUsage().maxRSS / 1024);
	return `loaded ${rows} rows in ${seconds.toFixed(2)} s (${rate} rows/s, peak memory ${peakMegabytes} MB)`;
}
