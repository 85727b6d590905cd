import { z } from "zod";
import type { ApiCall, ApiContext } from "./api.ts";
import { applyUpdate, childrenSchema, placementProblem, toNewBlock, updateContentSchema } from "./blocks.ts";
import { notionErrors } from "./errors.ts";
import { idSchema } from "./ids.ts";
import { paginate, queryPaging } from "./pagination.ts";
import type { BlockRecord, PageRecord, Position } from "./store.ts";
import { parseOrThrow } from "./validation.ts";
import { blockView, listView } from "./views.ts";

/**
 * /v1/blocks: read a block (a page reads as a child_page block), list and append children
 * (pages are blocks here too), update a block's content and trash it with DELETE. Appends
 * take `after` (deprecated) or `position` and at most 100 children; reads page 100 at most.
 */

const positionSchema = z.union([
  z.strictObject({ type: z.literal("start") }),
  z.strictObject({ type: z.literal("end") }),
  z.strictObject({ type: z.literal("after_block"), after_block: z.strictObject({ id: idSchema }) }),
]);

const appendSchema = z.strictObject({ children: childrenSchema, after: idSchema.optional(), position: positionSchema.optional() });

function holder(ctx: ApiContext, id: string): BlockRecord | PageRecord {
  const found = ctx.store.block(id) ?? ctx.store.page(id);
  if (!found) throw notionErrors.notFound("block", id);
  return found;
}

export const getBlock = (ctx: ApiContext, { params }: ApiCall) => blockView(ctx.store, holder(ctx, params.block_id));

export function listChildren(ctx: ApiContext, { params, query }: ApiCall) {
  const parent = holder(ctx, params.block_id);
  const page = paginate(ctx.store.children(parent.id), queryPaging(query));
  return listView("block", { ...page, results: page.results.map((child) => blockView(ctx.store, child)) });
}

export function appendChildren(ctx: ApiContext, { params, body }: ApiCall) {
  const parent = holder(ctx, params.block_id);
  const input = parseOrThrow(appendSchema, body);
  const isBlock = "type" in parent;
  if (parent.inTrash) throw notionErrors.archived(isBlock ? "block" : "page");
  if (input.after && input.position) throw notionErrors.validation("body failed validation: body.after should be not present when body.position is given.");

  const blocks = input.children.map(toNewBlock);
  const width = isBlock && parent.type === "table" ? (parent.content.table_width as number) : undefined;
  const problem = placementProblem(blocks, isBlock ? parent.type : "page", width);
  if (problem) throw notionErrors.validation(problem);

  let position: Position = { type: "end" };
  const afterId = input.after ?? (input.position?.type === "after_block" ? input.position.after_block.id : undefined);
  if (afterId) {
    if (!parent.children.includes(afterId)) throw notionErrors.validation(`Block ${afterId} is not a child of ${parent.id}; \`after\` must name one of its children.`);
    position = { type: "after_block", id: afterId };
  } else if (input.position?.type === "start") {
    position = { type: "start" };
  }
  const created = ctx.store.appendChildren(parent.id, blocks, position);
  return listView("block", { results: created.map((b) => blockView(ctx.store, b)), next_cursor: null, has_more: false });
}

export function updateBlock(ctx: ApiContext, { params, body }: ApiCall) {
  const block = ctx.store.block(params.block_id);
  if (!block) {
    if (ctx.store.page(params.block_id)) throw notionErrors.validation("Pages are updated with PATCH /v1/pages/{page_id}.");
    throw notionErrors.notFound("block", params.block_id);
  }
  const schema = z.strictObject({
    type: z.literal(block.type).optional(),
    in_trash: z.boolean().optional(),
    archived: z.boolean().optional(),
    [block.type]: updateContentSchema(block.type).optional(),
  });
  const input = parseOrThrow(schema, body) as Record<string, unknown> & { in_trash?: boolean; archived?: boolean };
  const inTrash = input.in_trash ?? input.archived;
  if (block.inTrash && inTrash !== false) throw notionErrors.archived("block");
  const update = input[block.type] as Parameters<typeof applyUpdate>[1] | undefined;
  const cells = (update as { cells?: unknown[] } | undefined)?.cells;
  if (cells && block.parent.type === "block_id") {
    const width = ctx.store.block(block.parent.block_id)?.content.table_width;
    if (cells.length !== width) {
      throw notionErrors.validation(`body failed validation: body.table_row.cells should have \`${String(width)}\` cells (the table's table_width), instead was \`${cells.length}\`.`);
    }
  }
  const updated = ctx.store.updateBlock(block.id, { content: update ? applyUpdate(block.content, update) : undefined, inTrash });
  return blockView(ctx.store, updated);
}

/** Notion's delete moves the block (or page) to the trash and answers with it. */
export function deleteBlock(ctx: ApiContext, { params }: ApiCall) {
  const target = holder(ctx, params.block_id);
  const isBlock = "type" in target;
  if (target.inTrash) throw notionErrors.archived(isBlock ? "block" : "page");
  if (isBlock) return blockView(ctx.store, ctx.store.updateBlock(target.id, { inTrash: true }));
  ctx.store.updatePage(target.id, { inTrash: true });
  return blockView(ctx.store, target);
}

