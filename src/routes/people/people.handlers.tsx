import { createDb } from "../../lib/db";
import { prefersHtml } from "../../lib/negotiate";
import { linkHeader } from "../../lib/pagination";
import { problem } from "../../lib/problem";
import type { AppRouteHandler } from "../../lib/types";
import { requestedCountMode } from "./people.count";
import { peopleLinks } from "./people.links";
import { deletePerson, findPerson, insertPerson, listPeople, updatePerson } from "./people.repository";
import type {
	CreateRoute,
	GetOneRoute,
	ListRoute,
	PatchRoute,
	RemoveRoute,
	ReplaceRoute,
} from "./people.routes";
import { PeoplePage, PersonPage } from "./people.views";

const notFound = (uuid: string) => `no person has uuid ${uuid}`;

export const list: AppRouteHandler<ListRoute> = async (c) => {
	const query = c.req.valid("query");
	const requested = requestedCountMode(c.req.valid("header").prefer);
	const page = await listPeople(createDb(c.env), query, requested ?? "estimated");
	const links = await peopleLinks(c.req.url, query, page);
	c.header("X-Total-Count", String(page.total.count));
	c.header("X-Total-Count-Mode", page.total.mode);
	if (requested) c.header("Preference-Applied", `count=${requested}`);
	c.header("Link", linkHeader(links));
	c.header("Vary", "Prefer", { append: true });
	if (prefersHtml(c)) {
		return c.html(<PeoplePage people={page.people} query={query} total={page.total} links={links} />, 200);
	}
	return c.json(page.people, 200);
};

export const getOne: AppRouteHandler<GetOneRoute> = async (c) => {
	const { uuid } = c.req.valid("param");
	const html = prefersHtml(c);
	const person = await findPerson(createDb(c.env), uuid);
	if (!person) return problem(c, 404, notFound(uuid));
	if (html) return c.html(<PersonPage person={person} />, 200);
	return c.json(person, 200);
};

export const create: AppRouteHandler<CreateRoute> = async (c) => {
	const body = c.req.valid("json");
	const created = await insertPerson(createDb(c.env), body);
	if (!created) return problem(c, 409, `a person with uuid ${body.uuid} already exists`);
	return c.json(created, 201, { Location: `/people/${created.uuid}` });
};

export const replace: AppRouteHandler<ReplaceRoute> = async (c) => {
	const { uuid } = c.req.valid("param");
	const { uuid: bodyUuid, ...fields } = c.req.valid("json");
	if (bodyUuid !== undefined && bodyUuid !== uuid) {
		return problem(c, 400, "invalid request body: uuid", {
			errors: [{ path: "uuid", message: "cannot change: must equal the uuid in the path" }],
		});
	}
	const updated = await updatePerson(createDb(c.env), uuid, fields);
	if (!updated) return problem(c, 404, notFound(uuid));
	return c.json(updated, 200);
};

export const patch: AppRouteHandler<PatchRoute> = async (c) => {
	const { uuid } = c.req.valid("param");
	const updated = await updatePerson(createDb(c.env), uuid, c.req.valid("json"));
	if (!updated) return problem(c, 404, notFound(uuid));
	return c.json(updated, 200);
};

export const remove: AppRouteHandler<RemoveRoute> = async (c) => {
	const { uuid } = c.req.valid("param");
	if (!(await deletePerson(createDb(c.env), uuid))) return problem(c, 404, notFound(uuid));
	return c.body(null, 204);
};
