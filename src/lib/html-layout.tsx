import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { SITE_NAV } from "./site-nav";

/** The frame of every HTML page: server-rendered, no client-side script, its style a static file. */
export function Layout({ title, children }: { title: string; children: Child }) {
	return (
		<>
			{raw("<!DOCTYPE html>")}
			<html lang="en">
				<head>
					<meta charset="utf-8" />
					<meta name="viewport" content="width=device-width, initial-scale=1" />
					<title>{title} · Titanic people API</title>
					<link rel="icon" href="/favicon.svg" />
					<link rel="stylesheet" href="/site.css" />
				</head>
				<body>
					<nav class="top">
						{SITE_NAV.map(({ href, label }) => (
							<a href={href}>{label}</a>
						))}
					</nav>
					<main>{children}</main>
				</body>
			</html>
		</>
	);
}
