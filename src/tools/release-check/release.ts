import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../lib/checkout";
import { CliError } from "../lib/cli";
import { journalOf } from "../migrate";

export interface Release {
	/** What the operator knows it by: its tag, or the ref it was asked by. */
	name: string;
	commit: string;
}

export interface ReleaseCheckout extends Release {
	dir: string;
	migrations: string;
	remove(): void;
}

function git(args: string[], cwd = ROOT): string {
	const run = spawnSync("git", args, { cwd, encoding: "utf8" });
	if (run.status !== 0) throw new CliError(`git ${args.join(" ")}: ${run.stderr.trim() || "failed"}`);
	return run.stdout.trim();
}

/**
 * The code running in production: the newest `v*` tag (by version order), or, before the
 * first release, the commit before this one; `ref` names another.
 */
export function findRelease(ref?: string): Release {
	const name = ref ?? (git(["tag", "--list", "v*", "--sort=-v:refname"]).split("\n")[0] || "HEAD~1");
	const commit = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${name}^{commit}`], {
		cwd: ROOT,
		encoding: "utf8",
	}).stdout.trim();
	if (!commit) throw new CliError(`no release to check against: ${name} is not a commit here`);
	return { name, commit };
}

/**
 * Each migration the release shipped must still be here, unchanged and in its place: a
 * database that applied it will never apply an edited version, so an edit forks the schema.
 */
function assertMigrationsExtend(release: ReleaseCheckout, migrations: string): void {
	const ours = journalOf(migrations);
	journalOf(release.migrations).forEach((shipped, index) => {
		const here = ours[index];
		const sql = (folder: string, tag: string) => readFileSync(join(folder, `${tag}.sql`), "utf8");
		if (
			here?.tag !== shipped.tag ||
			here.when !== shipped.when ||
			sql(migrations, here.tag) !== sql(release.migrations, shipped.tag)
		) {
			throw new CliError(
				`migration ${shipped.tag} of release ${release.name} was changed or removed: databases that applied it will not apply another version; add a new migration instead`,
			);
		}
	});
}

/**
 * The release's code in a throwaway git worktree, with its dependencies: hard links to
 * this checkout's when both lock files agree (a second), else its own `npm ci`.
 */
export function checkOutRelease(release: Release, migrations: string): ReleaseCheckout {
	const dir = join(mkdtempSync(join(tmpdir(), "titanic-release-")), "checkout");
	git(["worktree", "add", "--detach", "--quiet", dir, release.commit]);
	const checkout: ReleaseCheckout = {
		...release,
		dir,
		migrations: join(dir, "drizzle"),
		remove: () => {
			spawnSync("git", ["worktree", "remove", "--force", dir], { cwd: ROOT });
			rmSync(join(dir, ".."), { recursive: true, force: true });
		},
	};
	try {
		assertMigrationsExtend(checkout, migrations);
		installDependencies(dir);
		return checkout;
	} catch (error) {
		checkout.remove();
		throw error;
	}
}

function installDependencies(dir: string): void {
	const lock = (root: string) => readFileSync(join(root, "package-lock.json"), "utf8");
	const linked =
		existsSync(join(ROOT, "node_modules")) &&
		lock(dir) === lock(ROOT) &&
		spawnSync("cp", ["-al", join(ROOT, "node_modules"), join(dir, "node_modules")]).status === 0;
	if (linked) {
		// Caches are rewritten in place, which a hard link would carry back into this checkout.
		for (const cache of [".cache", ".vite", ".vitest", ".mf"]) {
			rmSync(join(dir, "node_modules", cache), { recursive: true, force: true });
		}
		return;
	}
	const install = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], {
		cwd: dir,
		stdio: ["ignore", "ignore", "inherit"],
	});
	if (install.status !== 0) throw new CliError(`npm ci in the release's checkout failed (${dir})`);
}

/** Turns the release's migrations into these: its own tests then build their database with ours. */
export function giveReleaseOurMigrations(release: ReleaseCheckout, migrations: string): void {
	rmSync(release.migrations, { recursive: true, force: true });
	cpSync(migrations, release.migrations, { recursive: true });
}
