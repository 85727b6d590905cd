import { z } from "zod";
import { apiErrors } from "./errors.ts";
import type { ClickUpSandboxStore, TaskRecord } from "./store.ts";

/**
 * GET /v2/list/{list_id}/task: ClickUp's filters, order and pages. 100 tasks a page,
 * `page` counting from 0, `last_page` in the body. Closed tasks and subtasks are left out
 * unless asked for. `custom_fields` is a JSON array of `{ field_id, operator, value }`: the
 * app uses `=` on the "Handoff ID" field to find a task again after a lost response.
 */

export const PAGE_SIZE = 100;

const OPERATORS = ["=", "!=", "<", "<=", ">", ">=", "IS NULL", "IS NOT NULL"] as const;

const filtersSchema = z.array(
  z
    .object({
      field_id: z.string().min(1),
      operator: z.enum(OPERATORS),
      value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    })
    .refine((f) => f.operator.startsWith("IS ") || f.value !== undefined, { message: "value is required for this operator" }),
);
type CustomFieldFilter = z.infer<typeof filtersSchema>[number];

const ORDER_BY = ["id", "created", "updated", "due_date"] as const;

export interface TaskQuery {
  page: number;
  includeClosed: boolean;
  subtasks: boolean;
  archived: boolean;
  statuses: string[];
  assignees: number[];
  filters: CustomFieldFilter[];
  orderBy: (typeof ORDER_BY)[number];
  reverse: boolean;
  markdown: boolean;
}

const flag = (query: URLSearchParams, name: string) => query.get(name) === "true";

/** Array parameters arrive as `statuses[]=a&statuses[]=b` (or without the brackets). */
const many = (query: URLSearchParams, name: string) => [...query.getAll(`${name}[]`), ...query.getAll(name)];

function parseFilters(raw: string | null): CustomFieldFilter[] {
  if (raw === null || raw.trim() === "") return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw apiErrors.filterInvalid("not JSON");
  }
  const result = filtersSchema.safeParse(json);
  if (!result.success) throw apiErrors.filterInvalid(result.error.issues.map((i) => `${i.path.join(".") || "custom_fields"}: ${i.message}`).join("; "));
  return result.data;
}

export function parseTaskQuery(query: URLSearchParams): TaskQuery {
  const pageRaw = query.get("page") ?? "0";
  const page = Number(pageRaw);
  if (!/^\d+$/.test(pageRaw) || !Number.isSafeInteger(page)) throw apiErrors.invalidInput(`page must be a whole number from 0, was ${pageRaw}`);
  const orderBy = query.get("order_by") ?? "created";
  if (!(ORDER_BY as readonly string[]).includes(orderBy)) throw apiErrors.invalidInput(`order_by must be one of ${ORDER_BY.join(", ")}`);
  const assignees = many(query, "assignees").map(Number);
  if (assignees.some((a) => !Number.isInteger(a))) throw apiErrors.invalidInput("assignees must be user ids");
  return {
    page,
    includeClosed: flag(query, "include_closed"),
    subtasks: flag(query, "subtasks"),
    archived: flag(query, "archived"),
    statuses: many(query, "statuses").map((s) => s.trim().toLowerCase()),
    assignees,
    filters: parseFilters(query.get("custom_fields")),
    orderBy: orderBy as TaskQuery["orderBy"],
    reverse: flag(query, "reverse"),
    markdown: flag(query, "include_markdown_description"),
  };
}

function compare(a: string | number | boolean, b: string | number | boolean): number {
  const x = Number(a);
  const y = Number(b);
  if (typeof a !== "boolean" && typeof b !== "boolean" && String(a).trim() !== "" && String(b).trim() !== "" && !Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  return String(a).localeCompare(String(b));
}

function matches(task: TaskRecord, filter: CustomFieldFilter): boolean {
  const current = task.fields[filter.field_id];
  const isSet = current !== undefined && current !== null;
  if (filter.operator === "IS NULL") return !isSet;
  if (filter.operator === "IS NOT NULL") return isSet;
  if (!isSet) return false;
  const value = filter.value!;
  switch (filter.operator) {
    case "=":
      return String(current) === String(value);
    case "!=":
      return String(current) !== String(value);
    case "<":
      return compare(current, value) < 0;
    case "<=":
      return compare(current, value) <= 0;
    case ">":
      return compare(current, value) > 0;
    case ">=":
      return compare(current, value) >= 0;
  }
}

const SORT_KEYS: Record<TaskQuery["orderBy"], (t: TaskRecord) => number | string> = {
  id: (t) => t.id,
  created: (t) => t.dateCreated,
  updated: (t) => t.dateUpdated,
  due_date: (t) => t.dueDate ?? Number.MAX_SAFE_INTEGER,
};

/**
 * One page of a list's tasks. ClickUp does not document the direction of its default order;
 * the stand-in answers newest first, and `reverse=true` turns that round.
 */
export function selectTasks(store: ClickUpSandboxStore, listId: string, q: TaskQuery): { tasks: TaskRecord[]; lastPage: boolean } {
  const closed = new Set(store.space.statuses.filter((s) => s.type === "closed").map((s) => s.status));
  const key = SORT_KEYS[q.orderBy];
  const selected = store
    .tasks(listId)
    .map((task, index) => ({ task, index }))
    .filter(({ task }) => q.includeClosed || !closed.has(task.status))
    .filter(({ task }) => q.subtasks || task.parent === null)
    .filter(({ task }) => task.archived === q.archived)
    .filter(({ task }) => q.statuses.length === 0 || q.statuses.includes(task.status))
    .filter(({ task }) => q.assignees.length === 0 || task.assignees.some((a) => q.assignees.includes(a)))
    .filter(({ task }) => q.filters.every((f) => matches(task, f)))
    // Newest first; ties (same key) fall back to creation order, newest first too.
    .sort((a, b) => {
      const ka = key(a.task);
      const kb = key(b.task);
      const byKey = typeof ka === "number" && typeof kb === "number" ? kb - ka : String(kb).localeCompare(String(ka));
      return byKey || b.index - a.index;
    })
    .map(({ task }) => task);
  if (q.reverse) selected.reverse();
  const start = q.page * PAGE_SIZE;
  return { tasks: selected.slice(start, start + PAGE_SIZE), lastPage: start + PAGE_SIZE >= selected.length };
}
