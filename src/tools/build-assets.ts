// Writes dist/assets, the folder that wrangler.toml's [assets] serves as static files
// (Workers Static Assets, never part of the worker's bundle): src/assets as it is, Swagger
// UI from the pinned swagger-ui-dist package, and what is derived from the worker's own
// settings: the OpenAPI document (from the routes' zod schemas), the docs page with the
// site's navigation, and the static files' headers with the worker's Content-Security-Policy.
import { spawnSync } from "node:child_process";
import {
	copyFileSync,
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	utimesSync,
	writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { STRICT_TRANSPORT_SECURITY } from "../lib/security-headers";
import { CONTENT_SECURITY_POLICY, SITE_NAV } from "../lib/site-nav";
import { ROOT, TOOL_RUNNER } from "./lib/checkout";
import { CliError } from "./lib/cli";

/** What wrangler.toml's [assets] serves. */
export const ASSETS_FOLDER = join(ROOT, "dist/assets");
const SWAGGER_UI = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

/**
 * The OpenAPI document, written by a Node program that loads the worker's app (its own
 * tsconfig: the worker's types and Node's do not mix in this one).
 */
function writeOpenApiDocument(path: string): void {
	const write = spawnSync(
		process.execPath,
		[...TOOL_RUNNER, join(ROOT, "src/tools/openapi/write-document.ts"), path],
		{
			encoding: "utf8",
		},
	);
	if (write.status !== 0) throw new CliError(`cannot write the OpenAPI document: ${write.stderr.trim()}`);
}

/** `defaultSrc: ["'none'"]` → `default-src 'none'`, as the header spells it. */
function policyHeader(): string {
	return Object.entries(CONTENT_SECURITY_POLICY)
		.map(([name, sources]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${sources.join(" ")}`)
		.join("; ");
}

function docsPage(): string {
	const nav = SITE_NAV.map(({ href, label }) => `<a href="${href}">${label}</a>`).join("");
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API docs · Titanic people API</title>
<link rel="icon" href="/favicon.svg">
<link rel="stylesheet" href="/site.css">
<link rel="stylesheet" href="/docs/vendor/swagger-ui.css">
</head>
<body>
<nav class="top">${nav}</nav>
<main id="swagger-ui"></main>
<script src="/docs/vendor/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;
}

/**
 * Writes dist/assets (see the header of this file), or `folder`. A file whose bytes are
 * already there is left alone, a changed one replaced in one rename, a stale one removed:
 * a running `npm run dev` serves the folder, and while another build (the tests start
 * their own stacks) emptied and refilled it, its docs answered 404 until it restarted.
 */
export function buildAssets(folder = ASSETS_FOLDER): void {
	const started = new Date();
	mkdirSync(dirname(folder), { recursive: true });
	const next = mkdtempSync(`${folder}.next-`);
	try {
		writeAssets(next);
		syncFolder(next, folder);
	} finally {
		rmSync(next, { recursive: true, force: true });
	}
	// Stamped with the time the build began: a source saved while it ran is newer.
	writeFileSync(`${folder}.built`, "");
	utimesSync(`${folder}.built`, started, started);
}

/** What the assets come from: the sources (the OpenAPI document is the routes') and the pinned packages. */
const SOURCES = ["src", "package-lock.json"].map((path) => join(ROOT, path));

/**
 * Whether the assets in `folder` were built since the last change to what they come from;
 * a local stack builds them only when not, rather than load the whole app again (2 s of CPU)
 * at every start.
 */
export function assetsCurrent(folder = ASSETS_FOLDER): boolean {
	const stamp = `${folder}.built`;
	if (!existsSync(stamp)) return false;
	const built = statSync(stamp).mtimeMs;
	const changes = SOURCES.flatMap((source) =>
		statSync(source).isDirectory()
			? readdirSync(source, { recursive: true, encoding: "utf8" }).map((path) => join(source, path))
			: [source],
	);
	return changes.every((path) => statSync(path).mtimeMs < built);
}

function writeAssets(folder: string): void {
	cpSync(join(ROOT, "src/assets"), folder, { recursive: true });
	mkdirSync(join(folder, "docs/vendor"), { recursive: true });
	for (const file of ["swagger-ui.css", "swagger-ui-bundle.js"]) {
		copyFileSync(join(SWAGGER_UI, file), join(folder, "docs/vendor", file));
	}
	writeFileSync(join(folder, "docs/index.html"), docsPage());
	writeOpenApiDocument(join(folder, "openapi.json"));
	writeFileSync(
		join(folder, "_headers"),
		`/*\n  Content-Security-Policy: ${policyHeader()}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  Strict-Transport-Security: ${STRICT_TRANSPORT_SECURITY}\n`,
	);
}

/** The files under `folder`, as paths relative to it. */
function filesIn(folder: string): string[] {
	if (!existsSync(folder)) return [];
	return readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((path) =>
		statSync(join(folder, path)).isFile(),
	);
}

/** Makes `to` hold exactly the files of `from`, touching only those that differ. */
function syncFolder(from: string, to: string): void {
	const wanted = filesIn(from);
	for (const path of wanted) {
		const [source, target] = [join(from, path), join(to, path)];
		if (existsSync(target) && readFileSync(target).equals(readFileSync(source))) continue;
		mkdirSync(dirname(target), { recursive: true });
		// Copied beside its place, then renamed over it: a reader sees the old file or the new one.
		copyFileSync(source, `${target}.next`);
		renameSync(`${target}.next`, target);
	}
	const kept = new Set(wanted);
	for (const path of filesIn(to)) if (!kept.has(path)) rmSync(join(to, path));
}
