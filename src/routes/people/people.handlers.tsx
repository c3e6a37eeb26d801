import { requestDb } from "../../lib/db";
import { readWithState, showState } from "../../lib/db-state";
import { LIST_REPRESENTATIONS, preferredType, prefersHtml, vary } from "../../lib/negotiate";
import { linkHeader } from "../../lib/pagination";
import { problem } from "../../lib/problem";
import type { AppRouteHandler } from "../../lib/types";
import { StatsPage } from "./people.charts";
import { requestedCountMode } from "./people.count";
import { CSV_TYPE, peopleCsv } from "./people.csv";
import { peopleLinks, sortLinks } from "./people.links";
import { listPeople } from "./people.list";
import { answerPerson } from "./people.read-one";
import type { GetOneRoute, ListRoute, StatsRoute } from "./people.routes";
import { selected } from "./people.select";
import { readStats, SEARCH_TOO_BROAD, statsStatement, survivalStats } from "./people.stats";
import { PeoplePage, PersonPage, SORTABLE_COLUMNS } from "./people.views";

// A browser's page: short enough to read and to render (JSON keeps its default of 1000).
const HTML_PAGE_SIZE = 50;

export const list: AppRouteHandler<ListRoute> = async (c) => {
	vary(c, "Accept");
	const type = preferredType(c, LIST_REPRESENTATIONS);
	const html = type === "text/html";
	const valid = c.req.valid("query");
	const query = html && !c.req.query("limit") ? { ...valid, limit: HTML_PAGE_SIZE } : valid;
	const requested = requestedCountMode(c.req.valid("header").prefer);
	const page = await listPeople(requestDb(c, { reads: true }), query, requested ?? "estimated", {
		survivors: html,
		position: html,
	});
	showState(c, page.state);
	const links = await peopleLinks(c.req.url, query, page);
	c.header("X-Total-Count", String(page.total.count));
	c.header("X-Total-Count-Mode", page.total.mode);
	if (requested) c.header("Preference-Applied", `count=${requested}`);
	c.header("Link", linkHeader(links));
	vary(c, "Prefer");
	if (type === "text/csv") {
		return c.body(peopleCsv(page.people, query.select), 200, { "Content-Type": CSV_TYPE });
	}
	if (html) {
		const sorts = sortLinks(c.req.url, query, SORTABLE_COLUMNS);
		const { people, total, survivors, before } = page;
		return c.html(
			<PeoplePage
				people={people}
				query={query}
				before={before}
				total={total}
				survivors={survivors}
				links={links}
				sortLinks={sorts}
			/>,
			200,
		);
	}
	return c.json(
		page.people.map((person) => selected(person, query.select)),
		200,
	);
};

export const stats: AppRouteHandler<StatsRoute> = async (c) => {
	const query = c.req.valid("query");
	const db = requestDb(c, { reads: true });
	if (!prefersHtml(c)) {
		const { stats, state } = await survivalStats(db, query);
		showState(c, state);
		return stats ? c.json(stats, 200) : problem(c, 422, SEARCH_TOO_BROAD);
	}
	// A browser's page: two groupings of the same filters, one batch.
	const {
		results: [byClassAndSex, byAge],
		state,
	} = await readWithState(db, [
		statsStatement(db, { ...query, groupBy: ["passengerClass", "sex"] }),
		statsStatement(db, { ...query, groupBy: ["ageBand"] }),
	]);
	showState(c, state);
	const [classAndSex, age] = [readStats(byClassAndSex, query), readStats(byAge, query)];
	if (!classAndSex || !age) return problem(c, 422, SEARCH_TOO_BROAD);
	const page = <StatsPage query={query} byClassAndSex={classAndSex} byAge={age} />;
	// Typed as never: the charts page is outside the JSON contract the route declares.
	return c.html(page, 200) as never;
};

export const getOne: AppRouteHandler<GetOneRoute> = async (c) => {
	const { uuid } = c.req.valid("param");
	const { select } = c.req.valid("query");
	return answerPerson(c, uuid, {
		select,
		json: (person) => c.json(selected(person, select), 200),
		page: (person) => c.html(<PersonPage person={person} selection={select} />, 200),
	});
};
