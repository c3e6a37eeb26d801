import { Layout } from "../../lib/html-layout";
import { prefersHtml } from "../../lib/negotiate";
import type { AppRouteHandler } from "../../lib/types";
import type { LandingRoute } from "./index.routes";

const API_NAME = "Titanic people API";
const links = { people: "/people", stats: "/people/stats", docs: "/docs/", openapi: "/openapi.json" };

export const landing: AppRouteHandler<LandingRoute> = (c) => {
	if (!prefersHtml(c)) return c.json({ name: API_NAME, links }, 200);
	return c.html(
		<Layout title="Home">
			<h1>{API_NAME}</h1>
			<p>The passengers of the Titanic as a REST API.</p>
			<ul>
				<li>
					<a href={links.people}>Browse the people</a> (JSON for API clients)
				</li>
				<li>
					<a href={links.stats}>Who survived</a>: survival by class, sex and age
				</li>
				<li>
					<a href={links.docs}>Interactive API documentation</a>
				</li>
				<li>
					<a href={links.openapi}>OpenAPI 3.1 document</a>
				</li>
			</ul>
		</Layout>,
		200,
	);
};
