import type { Context } from "hono";
import { requestDb } from "../../lib/db";
import { readWithState, showState } from "../../lib/db-state";
import { LIST_REPRESENTATIONS, preferredType, prefersHtml } from "../../lib/negotiate";
import { linkHeader } from "../../lib/pagination";
import { problem } from "../../lib/problem";
import type { AppRouteHandler } from "../../lib/types";
import { StatsPage } from "./people.charts";
import { requestedCountMode } from "./people.count";
import { CSV_TYPE, peopleCsv } from "./people.csv";
import { personEtag, versionsIn } from "./people.etag";
import { peopleLinks, sortLinks } from "./people.links";
import { listPeople } from "./people.list";
import { deletePerson, findPerson, insertPerson, updatePerson } from "./people.repository";
import type {
	CreateRoute,
	GetOneRoute,
	ListRoute,
	PatchRoute,
	RemoveRoute,
	ReplaceRoute,
	StatsRoute,
} from "./people.routes";
import { selected } from "./people.select";
import { readStats, SEARCH_TOO_BROAD, statsStatement, survivalStats } from "./people.stats";
import { PeoplePage, PersonPage, SORTABLE_COLUMNS } from "./people.views";

const notFound = (uuid: string) => `no person has uuid ${uuid}`;

// A browser's page: short enough to read and to render (JSON keeps its default of 1000).
const HTML_PAGE_SIZE = 50;

export const list: AppRouteHandler<ListRoute> = async (c) => {
	c.header("Vary", "Accept", { append: true });
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
	c.header("Vary", "Prefer", { append: true });
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
	const html = prefersHtml(c);
	const { found, state } = await findPerson(requestDb(c, { reads: true }), uuid);
	showState(c, state);
	if (!found) return problem(c, 404, notFound(uuid));
	c.header("ETag", personEtag(found.version, html, select));
	if (html) return c.html(<PersonPage person={found.person} selection={select} />, 200);
	return c.json(selected(found.person, select), 200);
};

export const create: AppRouteHandler<CreateRoute> = async (c) => {
	const body = c.req.valid("json");
	const created = await insertPerson(requestDb(c), body);
	if (!created) return problem(c, 409, `a person with uuid ${body.uuid} already exists`);
	showState(c, created.state);
	const headers = { Location: `/people/${created.person.uuid}`, ETag: personEtag(created.version) };
	return c.json(created.person, 201, headers);
};

/** The answer to a conditional write that did not happen: 404, or 412 when the person has changed. */
function notDone(c: Context, uuid: string, outcome: "not-found" | "changed") {
	if (outcome === "not-found") return problem(c, 404, notFound(uuid));
	return problem(c, 412, "the person has changed: If-Match does not name its current ETag; GET it again");
}

export const replace: AppRouteHandler<ReplaceRoute> = async (c) => {
	const { uuid } = c.req.valid("param");
	const { uuid: bodyUuid, ...fields } = c.req.valid("json");
	// A uuid is the same in any case, as Postgres compares it.
	if (bodyUuid !== undefined && bodyUuid.toLowerCase() !== uuid.toLowerCase()) {
		return problem(c, 400, "invalid request body: uuid", {
			errors: [{ path: "uuid", message: "cannot change: must equal the uuid in the path" }],
		});
	}
	const versions = versionsIn(c.req.valid("header")["if-match"]);
	const written = await updatePerson(requestDb(c), uuid, fields, versions);
	if (written.outcome !== "done") return notDone(c, uuid, written.outcome);
	showState(c, written.result.state);
	return c.json(written.result.person, 200, { ETag: personEtag(written.result.version) });
};

export const patch: AppRouteHandler<PatchRoute> = async (c) => {
	const { uuid } = c.req.valid("param");
	const versions = versionsIn(c.req.valid("header")["if-match"]);
	const written = await updatePerson(requestDb(c), uuid, c.req.valid("json"), versions);
	if (written.outcome !== "done") return notDone(c, uuid, written.outcome);
	showState(c, written.result.state);
	return c.json(written.result.person, 200, { ETag: personEtag(written.result.version) });
};

export const remove: AppRouteHandler<RemoveRoute> = async (c) => {
	const { uuid } = c.req.valid("param");
	const versions = versionsIn(c.req.valid("header")["if-match"]);
	const deleted = await deletePerson(requestDb(c), uuid, versions);
	if (deleted.outcome !== "done") return notDone(c, uuid, deleted.outcome);
	showState(c, deleted.result);
	return c.body(null, 204);
};
