import { raw } from "hono/html";
import type { Child } from "hono/jsx";

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 1.5rem;color:#1b1f24}
a{color:#0b5cad}nav.top{display:flex;gap:1rem;border-bottom:1px solid #d0d7de;padding-bottom:.5rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{padding:.35rem .6rem;border-bottom:1px solid #e5e9ee;text-align:left}
th{background:#f3f5f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
form.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;margin:1rem 0}
form.filters label{display:flex;flex-direction:column;font-size:.85rem}
nav.pages{display:flex;gap:1rem;margin:1rem 0}dl{display:grid;grid-template-columns:max-content auto;gap:.3rem 1.5rem}
dt{font-weight:600}`;

/** The frame of every HTML page: server-rendered, no client-side script. */
export function Layout({ title, children }: { title: string; children: Child }) {
	return (
		<>
			{raw("<!DOCTYPE html>")}
			<html lang="en">
				<head>
					<meta charset="utf-8" />
					<meta name="viewport" content="width=device-width, initial-scale=1" />
					<title>{title} · Titanic people API</title>
					<style>{STYLE}</style>
				</head>
				<body>
					<nav class="top">
						<a href="/">Home</a>
						<a href="/people">People</a>
						<a href="/docs">API docs</a>
						<a href="/openapi.json">OpenAPI</a>
					</nav>
					<main>{children}</main>
				</body>
			</html>
		</>
	);
}
