import { asc, getTableColumns } from "drizzle-orm";
import { passengers } from "../../db/schema";
import { createDb } from "../../lib/db";
import type { AppRouteHandler } from "../../lib/types";
import type { ListRoute } from "./people.routes";

const { id: _id, ...personColumns } = getTableColumns(passengers);

export const list: AppRouteHandler<ListRoute> = async (c) => {
	const db = createDb(c.env);
	const rows = await db.select(personColumns).from(passengers).orderBy(asc(passengers.id));
	return c.json(rows, 200);
};
