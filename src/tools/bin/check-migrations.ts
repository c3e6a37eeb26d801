// npm run check:migrations [-- --release REF] [--smoke-only]
// Proves that the code running now (the newest v* tag, or the previous commit before the
// first release) keeps working once this checkout's migrations are applied: expand first,
// contract later. The release, in a git worktree of its own, serves a database it filled;
// the new migrations are applied under it; it must pass the smoke check; then its own API
// tests (the worker project) run against a database built by the new migrations. Scratch databases live on
// TEST_DATABASE_URL's Postgres when it is set, else in the embedded PGlite.
import { CliError, commandFlags, runCommand } from "../lib/cli";
import { MIGRATIONS_FOLDER } from "../migrate";
import { smokeRelease, testRelease } from "../release-check/against-release";
import { checkOutRelease, findRelease, giveReleaseOurMigrations } from "../release-check/release";
import { checkLine, newestMigrationTag } from "../smoke/checks";

const usage = "npm run check:migrations [-- --release REF] [--smoke-only]";
const flags = commandFlags(
	"check:migrations",
	usage,
	{ release: { type: "string" }, "smoke-only": { type: "boolean", default: false } },
	(values) => ({ release: values.release, smokeOnly: values["smoke-only"] }),
);

runCommand(
	"check:migrations",
	async () => {
		const found = findRelease(flags.release);
		const target = newestMigrationTag(MIGRATIONS_FOLDER);
		const named = `release ${found.name} (${found.commit.slice(0, 7)})`;
		console.log(`check:migrations: ${named} against the migrations up to ${target}`);
		const release = checkOutRelease(found, MIGRATIONS_FOLDER);
		try {
			for (const result of await smokeRelease(release, MIGRATIONS_FOLDER)) {
				console.log(checkLine(result));
				if (!result.ok)
					throw new CliError(`${named} fails "${result.name}" after the migrations up to ${target}`);
			}
			if (flags.smokeOnly) return;
			giveReleaseOurMigrations(release, MIGRATIONS_FOLDER);
			const failed = await testRelease(release);
			if (failed.length > 0) {
				const shown = failed.slice(0, 5).join("; ");
				throw new CliError(
					`${named} fails ${failed.length} of its own API tests after the migrations up to ${target}: ${shown}`,
				);
			}
			console.log(`✓ the release's own API tests pass against the migrations up to ${target}`);
		} finally {
			release.remove();
		}
	},
	usage,
);
