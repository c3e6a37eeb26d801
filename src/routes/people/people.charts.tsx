import { Layout } from "../../lib/html-layout";
import { Filters } from "./people.filters";
import type { StatsQuery } from "./people.query";
import type { Stats } from "./people.stats";

interface Bar {
	label: string;
	value: number;
	text: string;
	kind?: "survived" | "died";
}

// In the SVG's own units, drawn at about one unit per pixel: a phone's 360 px keep the
// 13-unit labels at 12 px or more, which a wider drawing would shrink.
const WIDTH = 400;
const LABEL = 130;
const ROW = 26;

/**
 * A horizontal bar chart as server-drawn SVG under its title: a description for assistive
 * technology, a legend where bars differ in kind, and the same numbers as a table beside it.
 */
function BarChart(props: {
	id: string;
	title: string;
	description: string;
	bars: Bar[];
	max: number;
	columns: string[];
	rows: string[][];
}) {
	const { id, title, description, bars, max } = props;
	const height = bars.length * ROW + 10;
	const scale = (value: number) => (max > 0 ? ((WIDTH - LABEL - 60) * value) / max : 0);
	return (
		<figure class="chart">
			<figcaption>{title}</figcaption>
			{bars.some((bar) => bar.kind) && (
				<p class="legend" aria-hidden="true">
					<span class="survived">survived</span> <span class="died">died</span>
				</p>
			)}
			<svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
				<title id={`${id}-title`}>{title}</title>
				<desc id={`${id}-desc`}>{description}</desc>
				{bars.map((bar, i) => (
					<g transform={`translate(0 ${i * ROW + 5})`}>
						<text x={LABEL - 8} y={16} text-anchor="end">
							{bar.label}
						</text>
						<rect x={LABEL} y={3} width={scale(bar.value)} height={ROW - 8} class={bar.kind ?? "rate"} />
						<text x={LABEL + scale(bar.value) + 6} y={16}>
							{bar.text}
						</text>
					</g>
				))}
			</svg>
			<div class="table">
				<table>
					<thead>
						<tr>
							{props.columns.map((column) => (
								<th>{column}</th>
							))}
						</tr>
					</thead>
					<tbody>
						{props.rows.map((row) => (
							<tr>
								{row.map((cell, i) => (
									<td class={i ? "num" : undefined}>{cell}</td>
								))}
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</figure>
	);
}

const percent = (rate: number) => `${Math.round(rate * 100)} %`;

/** /people/stats for a browser: survival by class and sex, and the ages of survivors and the dead. */
export function StatsPage({
	query,
	byClassAndSex,
	byAge,
}: {
	query: StatsQuery;
	byClassAndSex: Stats;
	byAge: Stats;
}) {
	const { total } = byClassAndSex;
	const classSex = byClassAndSex.groups.map((g) => ({ label: `class ${g.passengerClass}, ${g.sex}`, ...g }));
	const ages = byAge.groups.map((g) => ({ label: `${g.ageBand}–${(g.ageBand ?? 0) + 9}`, ...g }));
	const ageBars: Bar[] = ages.flatMap((g) => [
		{ label: `${g.label} survived`, value: g.survived, text: String(g.survived), kind: "survived" as const },
		{
			label: `${g.label} died`,
			value: g.count - g.survived,
			text: String(g.count - g.survived),
			kind: "died" as const,
		},
	]);
	return (
		<Layout title="Survival">
			<h1>Who survived</h1>
			<Filters query={query} action="/people/stats" />
			<p>
				{total.survived} of {total.count} people survived, {percent(total.survivalRate)}.
			</p>
			<BarChart
				id="class-sex"
				title="Survival rate by class and sex"
				description={classSex.map((g) => `${g.label}: ${percent(g.survivalRate)} of ${g.count}`).join("; ")}
				bars={classSex.map((g) => ({ label: g.label, value: g.survivalRate, text: percent(g.survivalRate) }))}
				max={1}
				columns={["Group", "People", "Survived", "Rate"]}
				rows={classSex.map((g) => [g.label, String(g.count), String(g.survived), percent(g.survivalRate)])}
			/>
			<BarChart
				id="ages"
				title="Ages of survivors and of the dead, by decade"
				description={ages
					.map((g) => `${g.label}: ${g.survived} survived, ${g.count - g.survived} died`)
					.join("; ")}
				bars={ageBars}
				max={Math.max(0, ...ageBars.map((bar) => bar.value))}
				columns={["Ages", "Survived", "Died"]}
				rows={ages.map((g) => [g.label, String(g.survived), String(g.count - g.survived)])}
			/>
		</Layout>
	);
}
