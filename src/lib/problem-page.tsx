import { Layout } from "./html-layout";
import type { Problem } from "./problem-schema";

/** A problem as a browser shows it: what went wrong, each bad field, and a way on. */
export function ProblemPage({ problem }: { problem: Problem }) {
	return (
		<Layout title={problem.title}>
			<h1>
				{problem.status} {problem.title}
			</h1>
			<p>{problem.detail}</p>
			{problem.errors && (
				<ul>
					{problem.errors.map((error) => (
						<li>
							<code>{error.path}</code>: {error.message}
						</li>
					))}
				</ul>
			)}
			<p>
				<a href="/people">Browse the people</a> · <a href="/">Home</a>
			</p>
		</Layout>
	);
}
