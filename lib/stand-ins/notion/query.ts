import { z } from "zod";
import { notionErrors } from "./errors.ts";
import { pageSizeSchema } from "./pagination.ts";
import { emptyValue, plainValue, type PropertySchema, type PropertyValue } from "./properties.ts";
import type { PageRecord } from "./store.ts";
import { parseOrThrow } from "./validation.ts";

/**
 * POST /v1/data_sources/{id}/query: filters, sorts and paging over a data source's pages.
 * Supported filters: text conditions on title / rich_text / url properties, select and date
 * conditions, created_time / last_edited_time timestamps, and `and` / `or` groups nested at
 * most two levels, as Notion allows. Text `equals` is exact; contains / starts_with /
 * ends_with ignore case. Without sorts, newest pages come first.
 */

const text = z.string();
const textCondition = z.union([
  z.strictObject({ equals: text }),
  z.strictObject({ does_not_equal: text }),
  z.strictObject({ contains: text }),
  z.strictObject({ does_not_contain: text }),
  z.strictObject({ starts_with: text }),
  z.strictObject({ ends_with: text }),
  z.strictObject({ is_empty: z.literal(true) }),
  z.strictObject({ is_not_empty: z.literal(true) }),
]);
const selectCondition = z.union([
  z.strictObject({ equals: text }),
  z.strictObject({ does_not_equal: text }),
  z.strictObject({ is_empty: z.literal(true) }),
  z.strictObject({ is_not_empty: z.literal(true) }),
]);
const dateCondition = z.union([
  z.strictObject({ equals: text }),
  z.strictObject({ before: text }),
  z.strictObject({ after: text }),
  z.strictObject({ on_or_before: text }),
  z.strictObject({ on_or_after: text }),
  z.strictObject({ is_empty: z.literal(true) }),
  z.strictObject({ is_not_empty: z.literal(true) }),
]);
type Condition = Record<string, string | true>;

const CONDITIONS = { title: textCondition, rich_text: textCondition, url: textCondition, select: selectCondition, date: dateCondition } as const;
type FilterKind = keyof typeof CONDITIONS;
const FILTER_KINDS = Object.keys(CONDITIONS) as FilterKind[];

const propertyFilter = z.union(
  FILTER_KINDS.map((kind) => z.strictObject({ property: z.string(), type: z.literal(kind).optional(), [kind]: CONDITIONS[kind] })) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]],
);
const timestampFilter = z.union([
  z.strictObject({ timestamp: z.literal("created_time"), created_time: dateCondition }),
  z.strictObject({ timestamp: z.literal("last_edited_time"), last_edited_time: dateCondition }),
]);
const leaf = z.union([propertyFilter, timestampFilter]);
const MAX_GROUP = 100;
const innerGroup = z.union([z.strictObject({ and: z.array(leaf).max(MAX_GROUP) }), z.strictObject({ or: z.array(leaf).max(MAX_GROUP) })]);
const outerItem = z.union([leaf, innerGroup]);
const filterSchema = z.union([leaf, z.strictObject({ and: z.array(outerItem).max(MAX_GROUP) }), z.strictObject({ or: z.array(outerItem).max(MAX_GROUP) })]);

const sortSchema = z.union([
  z.strictObject({ property: z.string(), direction: z.enum(["ascending", "descending"]) }),
  z.strictObject({ timestamp: z.enum(["created_time", "last_edited_time"]), direction: z.enum(["ascending", "descending"]) }),
]);

export const queryBodySchema = z.strictObject({
  filter: filterSchema.optional(),
  sorts: z.array(sortSchema).max(MAX_GROUP).optional(),
  start_cursor: z.string().optional(),
  page_size: pageSizeSchema.optional(),
  in_trash: z.boolean().optional(),
  archived: z.boolean().optional(),
  result_type: z.enum(["page", "data_source"]).optional(),
});

type Filter = Record<string, unknown>;
type Sort = z.infer<typeof sortSchema>;

function findProperty(schema: readonly PropertySchema[], ref: string, what: "filter" | "sort"): PropertySchema {
  const property = schema.find((p) => p.name === ref || p.id === ref);
  if (!property) throw notionErrors.validation(`Could not find ${what === "sort" ? "sort " : ""}property with name or id: ${ref}`);
  return property;
}

function compareText(value: string, condition: Condition): boolean {
  const [op, operand] = Object.entries(condition)[0];
  const a = value.toLowerCase();
  const b = typeof operand === "string" ? operand.toLowerCase() : "";
  switch (op) {
    case "equals":
      return value === operand;
    case "does_not_equal":
      return value !== operand;
    case "contains":
      return a.includes(b);
    case "does_not_contain":
      return !a.includes(b);
    case "starts_with":
      return a.startsWith(b);
    case "ends_with":
      return a.endsWith(b);
    case "is_empty":
      return value === "";
    default:
      return value !== "";
  }
}

/** Date-only operands compare by day; anything else by instant. */
function compareDate(value: string | null, condition: Condition): boolean {
  const [op, operand] = Object.entries(condition)[0];
  if (op === "is_empty") return value === null;
  if (op === "is_not_empty") return value !== null;
  if (value === null || typeof operand !== "string") return false;
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(operand);
  const a = dayOnly ? value.slice(0, 10) : new Date(value).toISOString();
  const b = dayOnly ? operand : new Date(operand).toISOString();
  if (op === "equals") return a === b;
  if (op === "before") return a < b;
  if (op === "after") return a > b;
  if (op === "on_or_before") return a <= b;
  return a >= b;
}

/** Every property a filter names must exist and be filtered with its own type's condition. */
function checkFilter(filter: Filter, schema: readonly PropertySchema[]) {
  for (const group of [filter.and, filter.or]) if (Array.isArray(group)) group.forEach((f) => checkFilter(f as Filter, schema));
  if (typeof filter.property !== "string") return;
  const property = findProperty(schema, filter.property, "filter");
  const kind = FILTER_KINDS.find((k) => k in filter)!;
  if (kind !== property.type) {
    throw notionErrors.validation(`body failed validation: body.filter.${kind} should be not present, instead was \`${JSON.stringify(filter[kind])}\`: ${property.name} is a ${property.type} property.`);
  }
}

function matches(page: PageRecord, filter: Filter, schema: readonly PropertySchema[]): boolean {
  if (Array.isArray(filter.and)) return (filter.and as Filter[]).every((f) => matches(page, f, schema));
  if (Array.isArray(filter.or)) return (filter.or as Filter[]).some((f) => matches(page, f, schema));
  if (filter.timestamp === "created_time") return compareDate(page.createdTime, filter.created_time as Condition);
  if (filter.timestamp === "last_edited_time") return compareDate(page.lastEditedTime, filter.last_edited_time as Condition);

  const property = findProperty(schema, filter.property as string, "filter");
  const value: PropertyValue = page.properties[property.id] ?? emptyValue(property);
  const condition = filter[property.type] as Condition;
  if (value.type === "date") return compareDate(value.date?.start ?? null, condition);
  if (value.type === "select") {
    const [op, operand] = Object.entries(condition)[0];
    const name = value.select?.name ?? null;
    if (op === "is_empty") return name === null;
    if (op === "is_not_empty") return name !== null;
    return op === "equals" ? name === operand : name !== operand;
  }
  return compareText(plainValue(value) ?? "", condition);
}

function sortKey(page: PageRecord, sort: Sort, schema: readonly PropertySchema[]): string | null {
  if ("timestamp" in sort) return sort.timestamp === "created_time" ? page.createdTime : page.lastEditedTime;
  const property = findProperty(schema, sort.property, "sort");
  const value = page.properties[property.id] ?? emptyValue(property);
  if (value.type === "select") {
    // Notion orders select values by the option order of the schema.
    const index = (property.options ?? []).findIndex((o) => o.id === value.select?.id);
    return index < 0 ? null : String(index).padStart(4, "0");
  }
  return plainValue(value) || null;
}

export type QueryBody = z.infer<typeof queryBodySchema>;

export function parseQuery(body: unknown): QueryBody {
  return parseOrThrow(queryBodySchema, body);
}

/** The data source's pages that match, in the requested order (empty values last). */
export function runQuery(pages: readonly PageRecord[], schema: readonly PropertySchema[], query: QueryBody): PageRecord[] {
  if (query.filter) checkFilter(query.filter as Filter, schema);
  for (const sort of query.sorts ?? []) if ("property" in sort) findProperty(schema, sort.property, "sort");
  const trashed = query.in_trash ?? query.archived ?? false;
  const selected = pages.filter((p) => p.inTrash === trashed && (!query.filter || matches(p, query.filter as Filter, schema)));
  const sorts: Sort[] = query.sorts?.length ? query.sorts : [{ timestamp: "created_time", direction: "descending" }];
  const keyed = selected.map((page) => ({ page, keys: sorts.map((s) => sortKey(page, s, schema)) }));
  keyed.sort((x, y) => {
    for (let i = 0; i < sorts.length; i++) {
      const [a, b] = [x.keys[i], y.keys[i]];
      if (a === b) continue;
      if (a === null) return 1;
      if (b === null) return -1;
      const order = a < b ? -1 : 1;
      return sorts[i].direction === "ascending" ? order : -order;
    }
    return 0;
  });
  return keyed.map((k) => k.page);
}
