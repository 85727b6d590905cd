import { z } from "zod";
import { iconSchema, toIcon } from "./icons.ts";
import { API_COLORS, richTextSchema, toRichText, type ApiColor, type RichText, type RichTextRequest } from "./rich-text.ts";

/**
 * The block types the stand-in stores, their request schemas and how a request becomes the
 * content Notion answers with. Children travel inside the type object
 * (`{type: "toggle", toggle: {rich_text, children}}`) and a request may nest two levels deep:
 * a third level gets Notion's "…children should be not present". Tables carry their rows as
 * `table.children` (required) and every row needs `table_width` cells.
 */

export const BLOCK_TYPES = [
  "paragraph",
  "heading_1",
  "heading_2",
  "heading_3",
  "bulleted_list_item",
  "numbered_list_item",
  "to_do",
  "toggle",
  "callout",
  "quote",
  "divider",
  "table",
  "table_row",
] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

/** Notion's limit on children per request (and on the blocks of a new page). */
export const MAX_CHILDREN = 100;
/** Levels of `children` a request may nest below its top-level blocks. */
const MAX_DEPTH = 2;

const LEAVES: ReadonlySet<BlockType> = new Set(["divider", "table_row"]);
export const canHaveChildren = (type: BlockType) => !LEAVES.has(type);

/** The type object of a block in a request, after validation. */
export interface ContentRequest {
  rich_text?: RichTextRequest;
  color?: ApiColor;
  is_toggleable?: boolean;
  checked?: boolean;
  icon?: z.infer<typeof iconSchema>;
  children?: BlockRequest[];
  table_width?: number;
  has_column_header?: boolean;
  has_row_header?: boolean;
  cells?: RichTextRequest[];
}

export interface BlockRequest {
  type: BlockType;
  content: ContentRequest;
}

/** A validated block ready to store: its type, its content as Notion answers it, its children. */
export interface NewBlock {
  type: BlockType;
  content: Record<string, unknown>;
  children: NewBlock[];
}

/** Requests may leave `type` out; it is then the one type key the block carries. */
function withType(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value) || "type" in value) return value;
  const key = Object.keys(value).find((k) => k !== "object");
  return key ? { ...value, type: key } : value;
}

function contentSchema(type: BlockType, children: z.ZodType<BlockRequest> | undefined): z.ZodType {
  const nested = children ? { children: z.array(children).max(MAX_CHILDREN).optional() } : {};
  const text = { rich_text: richTextSchema, color: z.enum(API_COLORS).optional() };
  switch (type) {
    case "paragraph":
    case "callout":
      return z.strictObject({ ...text, icon: iconSchema.optional(), ...nested });
    case "heading_1":
    case "heading_2":
    case "heading_3":
      return z.strictObject({ ...text, is_toggleable: z.boolean().optional(), ...nested });
    case "to_do":
      return z.strictObject({ ...text, checked: z.boolean().optional(), ...nested });
    case "divider":
      return z.strictObject({});
    case "table_row":
      return z.strictObject({ cells: z.array(richTextSchema) });
    case "table":
      return z
        .strictObject({
          table_width: z.number().int().min(1),
          has_column_header: z.boolean().optional(),
          has_row_header: z.boolean().optional(),
          children: z.array(tableRowSchema).min(1).max(MAX_CHILDREN),
        })
        .superRefine((table, ctx) => {
          table.children.forEach((row, i) => {
            const cells = row.content.cells ?? [];
            if (cells.length !== table.table_width) {
              ctx.addIssue({ code: "custom", path: ["children", i, "table_row", "cells"], message: `should have \`${table.table_width}\` cells (the table's table_width)` });
            }
          });
        });
    default:
      return z.strictObject({ ...text, ...nested });
  }
}

function blockOf(types: readonly BlockType[], children: z.ZodType<BlockRequest> | undefined): z.ZodType<BlockRequest> {
  const variants = types.map((type) => z.strictObject({ object: z.literal("block").optional(), type: z.literal(type), [type]: contentSchema(type, children) }));
  const union = z.discriminatedUnion("type", variants as [(typeof variants)[number], ...typeof variants]);
  return z.preprocess(withType, union).transform((block) => {
    const type = block.type as BlockType;
    return { type, content: (block as Record<string, unknown>)[type] as ContentRequest };
  });
}

const tableRowSchema = blockOf(["table_row"], undefined);

const schemas = new Map<number, z.ZodType<BlockRequest>>();

/** The schema for one block `depth` levels below the request's top-level blocks. */
export function blockRequestSchema(depth = 0): z.ZodType<BlockRequest> {
  let schema = schemas.get(depth);
  if (!schema) {
    const children = depth < MAX_DEPTH ? blockRequestSchema(depth + 1) : undefined;
    // A table needs its rows one level further down, so none at the deepest level.
    schema = blockOf(
      BLOCK_TYPES.filter((t) => t !== "table" || children),
      children,
    );
    schemas.set(depth, schema);
  }
  return schema;
}

/** `children` of a create-page or append request. */
export const childrenSchema = z.array(blockRequestSchema()).max(MAX_CHILDREN);

function toContent(type: BlockType, c: ContentRequest): Record<string, unknown> {
  const richText = toRichText(c.rich_text ?? []);
  const color = c.color ?? "default";
  switch (type) {
    case "paragraph":
    case "callout":
      return { rich_text: richText, icon: c.icon ? toIcon(c.icon) : null, color };
    case "heading_1":
    case "heading_2":
    case "heading_3":
      return { rich_text: richText, is_toggleable: c.is_toggleable ?? false, color };
    case "to_do":
      return { rich_text: richText, checked: c.checked ?? false, color };
    case "divider":
      return {};
    case "table":
      return { table_width: c.table_width, has_column_header: c.has_column_header ?? false, has_row_header: c.has_row_header ?? false };
    case "table_row":
      return { cells: (c.cells ?? []).map((cell) => toRichText(cell)) };
    default:
      return { rich_text: richText, color };
  }
}

export function toNewBlock(block: BlockRequest): NewBlock {
  return { type: block.type, content: toContent(block.type, block.content), children: (block.content.children ?? []).map(toNewBlock) };
}

/** What PATCH /v1/blocks/{id} may change for a block of `type` (never its children). */
export function updateContentSchema(type: BlockType) {
  const text = { rich_text: richTextSchema.optional(), color: z.enum(API_COLORS).optional() };
  switch (type) {
    case "paragraph":
    case "callout":
      return z.strictObject({ ...text, icon: iconSchema.optional() });
    case "heading_1":
    case "heading_2":
    case "heading_3":
      return z.strictObject({ ...text, is_toggleable: z.boolean().optional() });
    case "to_do":
      return z.strictObject({ ...text, checked: z.boolean().optional() });
    case "divider":
      return z.strictObject({});
    case "table":
      return z.strictObject({ has_column_header: z.boolean().optional(), has_row_header: z.boolean().optional() });
    case "table_row":
      return z.strictObject({ cells: z.array(richTextSchema) });
    default:
      return z.strictObject(text);
  }
}

export function applyUpdate(content: Record<string, unknown>, update: z.infer<ReturnType<typeof updateContentSchema>>): Record<string, unknown> {
  const next = { ...content };
  for (const [key, value] of Object.entries(update)) {
    if (value === undefined) continue;
    if (key === "rich_text") next.rich_text = toRichText(value as RichTextRequest);
    else if (key === "cells") next.cells = (value as RichTextRequest[]).map((cell) => toRichText(cell));
    else if (key === "icon") next.icon = toIcon(value as z.infer<typeof iconSchema>);
    else next[key] = value;
  }
  return next;
}

/** The text a person sees in a block: its rich text, or a table row's cells joined by " | ". */
export function blockText(type: BlockType, content: Record<string, unknown>): string {
  if (type === "table_row") return (content.cells as RichText[][]).map((cell) => cell.map((t) => t.plain_text).join("")).join(" | ");
  const richText = content.rich_text as RichText[] | undefined;
  return richText ? richText.map((t) => t.plain_text).join("") : "";
}

/**
 * Rules the schema cannot see because they depend on the parent: table rows only inside a
 * table, a table only holds rows, each with the table's width, and leaves hold nothing.
 * `parent` is the type of the block the new blocks go under ("page" for a page).
 */
export function placementProblem(blocks: readonly NewBlock[], parent: BlockType | "page", tableWidth?: number, path = "body.children"): string | undefined {
  if (blocks.length > 0 && parent !== "page" && !canHaveChildren(parent)) return `Block type ${parent} does not support children.`;
  for (const [i, block] of blocks.entries()) {
    const here = `${path}[${i}]`;
    if (parent === "table" && block.type !== "table_row") return `${here}.type should be \`"table_row"\` inside a table, instead was \`"${block.type}"\`.`;
    if (parent !== "table" && block.type === "table_row") return `${here}: a table_row can only be added to a table.`;
    if (block.type === "table_row" && tableWidth !== undefined) {
      const cells = (block.content.cells as unknown[]).length;
      if (cells !== tableWidth) return `${here}.table_row.cells should have \`${tableWidth}\` cells (the table's table_width), instead was \`${cells}\`.`;
    }
    const width = block.type === "table" ? (block.content.table_width as number) : undefined;
    const nested = placementProblem(block.children, block.type, width, `${here}.${block.type}.children`);
    if (nested) return nested;
  }
  return undefined;
}
