import { z } from "zod";
import type { ApiCall, ApiContext } from "./api.ts";
import { childrenSchema, placementProblem, toNewBlock } from "./blocks.ts";
import { notionErrors } from "./errors.ts";
import { coverSchema, iconSchema, toCover, toIcon } from "./icons.ts";
import { idSchema } from "./ids.ts";
import { parseProperties, type PropertySchema } from "./properties.ts";
import type { PageParent } from "./store.ts";
import { parseOrThrow } from "./validation.ts";
import { pageView } from "./views.ts";

/**
 * POST /v1/pages, GET and PATCH /v1/pages/{id}. New pages go in a data source (named
 * directly, or through its database when that has exactly one) or under another page; their
 * properties are checked against the data source's schema, their `children` (≤ 100) against
 * the block rules. Template, markdown and position parameters are not modelled.
 */

const createSchema = z.strictObject({
  parent: z.union([
    z.strictObject({ type: z.literal("data_source_id").optional(), data_source_id: idSchema }),
    z.strictObject({ type: z.literal("database_id").optional(), database_id: idSchema }),
    z.strictObject({ type: z.literal("page_id").optional(), page_id: idSchema }),
    z.strictObject({ type: z.literal("workspace").optional(), workspace: z.literal(true) }),
  ]),
  properties: z.record(z.string(), z.unknown()),
  icon: iconSchema.nullable().optional(),
  cover: coverSchema.nullable().optional(),
  children: childrenSchema.optional(),
  content: childrenSchema.optional(),
  template: z.strictObject({ type: z.literal("none") }).optional(),
});

const updateSchema = z.strictObject({
  properties: z.record(z.string(), z.unknown()).optional(),
  icon: iconSchema.nullable().optional(),
  cover: coverSchema.nullable().optional(),
  in_trash: z.boolean().optional(),
  archived: z.boolean().optional(),
  is_archived: z.boolean().optional(),
  is_locked: z.boolean().optional(),
});

/** A page under a page has just a title, keyed "title". */
const CHILD_PAGE_SCHEMA: readonly PropertySchema[] = [{ id: "title", name: "title", type: "title" }];

function resolveParent(ctx: ApiContext, parent: z.infer<typeof createSchema>["parent"]): { parent: PageParent; schema: readonly PropertySchema[] } {
  if ("workspace" in parent) throw notionErrors.validation("Can't create a page at the workspace level with an internal integration; give it a page or data source parent.");
  if ("page_id" in parent) {
    const page = ctx.store.page(parent.page_id);
    if (!page) throw notionErrors.notFound("page", parent.page_id);
    if (page.inTrash) throw notionErrors.archived("page");
    return { parent: { type: "page_id", page_id: page.id }, schema: CHILD_PAGE_SCHEMA };
  }
  let dataSourceId: string;
  if ("database_id" in parent) {
    const db = ctx.store.database(parent.database_id);
    if (!db) throw notionErrors.notFound("database", parent.database_id);
    if (db.dataSourceIds.length !== 1) throw notionErrors.validation("Database has more than one data source; use a data_source_id parent.");
    dataSourceId = db.dataSourceIds[0];
  } else {
    dataSourceId = parent.data_source_id;
  }
  const ds = ctx.store.dataSource(dataSourceId);
  if (!ds) throw notionErrors.notFound("data source", dataSourceId);
  return { parent: { type: "data_source_id", data_source_id: ds.id, database_id: ds.databaseId }, schema: ds.properties };
}

export function createPage(ctx: ApiContext, { body }: ApiCall) {
  const input = parseOrThrow(createSchema, body);
  if (input.children && input.content) throw notionErrors.validation("body failed validation: body.content should be not present when body.children is, instead was `[...]`.");
  const { parent, schema } = resolveParent(ctx, input.parent);
  const properties = parseProperties(schema, input.properties);
  const blocks = (input.children ?? input.content ?? []).map(toNewBlock);
  const problem = placementProblem(blocks, "page");
  if (problem) throw notionErrors.validation(problem);
  if (parent.type === "data_source_id") ctx.store.addSelectOptions(parent.data_source_id, properties.newOptions);
  const page = ctx.store.createPage({
    parent,
    properties: properties.values,
    icon: input.icon ? toIcon(input.icon) : null,
    cover: input.cover ? toCover(input.cover) : null,
    children: blocks,
  });
  return pageView(ctx.store, page);
}

export function getPage(ctx: ApiContext, { params }: ApiCall) {
  const page = ctx.store.page(params.page_id);
  if (!page) throw notionErrors.notFound("page", params.page_id);
  return pageView(ctx.store, page);
}

export function updatePage(ctx: ApiContext, { params, body }: ApiCall) {
  const page = ctx.store.page(params.page_id);
  if (!page) throw notionErrors.notFound("page", params.page_id);
  const input = parseOrThrow(updateSchema, body);
  const inTrash = input.in_trash ?? input.archived ?? input.is_archived;
  if (page.inTrash && inTrash !== false) throw notionErrors.archived("page");
  const ds = page.parent.type === "data_source_id" ? ctx.store.dataSource(page.parent.data_source_id) : undefined;
  const properties = input.properties ? parseProperties(ds?.properties ?? CHILD_PAGE_SCHEMA, input.properties) : undefined;
  if (ds && properties) ctx.store.addSelectOptions(ds.id, properties.newOptions);
  const updated = ctx.store.updatePage(page.id, {
    properties: properties?.values,
    icon: input.icon === undefined ? undefined : input.icon && toIcon(input.icon),
    cover: input.cover === undefined ? undefined : input.cover && toCover(input.cover),
    inTrash,
    isLocked: input.is_locked,
  });
  return pageView(ctx.store, updated);
}
