import type { ApiCall, ApiContext } from "./api.ts";
import { notionErrors } from "./errors.ts";
import { MAX_PAGE_SIZE, paginate } from "./pagination.ts";
import { parseQuery, runQuery } from "./query.ts";
import { dataSourceView, databaseView, listView, pageView } from "./views.ts";

/**
 * Databases and data sources, 2025-09-03 style: a database lists its data sources, the data
 * source holds the property schema and is what pages are queried (and created) in.
 */

export function getDatabase(ctx: ApiContext, { params }: ApiCall) {
  const db = ctx.store.database(params.database_id);
  if (!db) throw notionErrors.notFound("database", params.database_id);
  return databaseView(ctx.store, db);
}

export function getDataSource(ctx: ApiContext, { params }: ApiCall) {
  const ds = ctx.store.dataSource(params.data_source_id);
  if (!ds) throw notionErrors.notFound("data source", params.data_source_id);
  return dataSourceView(ctx.store, ds);
}

export function queryDataSource(ctx: ApiContext, { params, body }: ApiCall) {
  const ds = ctx.store.dataSource(params.data_source_id);
  if (!ds) throw notionErrors.notFound("data source", params.data_source_id);
  const query = parseQuery(body);
  const pages = runQuery(ctx.store.pagesOf(ds.id), ds.properties, query);
  const page = paginate(pages, { startCursor: query.start_cursor, pageSize: query.page_size ?? MAX_PAGE_SIZE });
  return listView("page_or_data_source", { ...page, results: page.results.map((p) => pageView(ctx.store, p)) });
}
