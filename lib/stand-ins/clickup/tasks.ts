import { z } from "zod";
import type { Route } from "./api.ts";
import { requireList, requireMembers, requireTask, resolveStatus } from "./access.ts";
import { apiErrors } from "./errors.ts";
import { jsonObject, ok, validate } from "./http.ts";
import type { CustomFieldDefinition } from "./seed.ts";
import type { ClickUpSandboxStore, FieldValue, ListRecord, TaskRecord } from "./store.ts";
import { parseTaskQuery, selectTasks } from "./task-query.ts";
import { taskView } from "./views.ts";

/**
 * Tasks, their custom field values and dependencies. Bodies are checked against the shapes
 * the vendor's spec gives (strictly: a number sent as a string is a 400), and the things
 * ClickUp itself checks: a task name, known assignees, an existing status and parent.
 */

const userIds = z.array(z.number().int());
const millis = z.number().int().nullable();

const createTaskSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  markdown_content: z.string().optional(),
  assignees: userIds.optional(),
  group_assignees: z.array(z.string()).optional(),
  archived: z.boolean().optional(),
  tags: z.array(z.string()).optional(),
  status: z.string().optional(),
  priority: z.number().int().min(1).max(4).nullable().optional(),
  due_date: millis.optional(),
  due_date_time: z.boolean().optional(),
  time_estimate: z.number().int().optional(),
  start_date: millis.optional(),
  start_date_time: z.boolean().optional(),
  points: z.number().optional(),
  notify_all: z.boolean().optional(),
  parent: z.string().nullable().optional(),
  links_to: z.string().nullable().optional(),
  check_required_custom_fields: z.boolean().optional(),
  custom_fields: z.array(z.object({ id: z.string(), value: z.unknown() })).optional(),
  custom_item_id: z.number().optional(),
});

const peopleChange = z.object({ add: userIds.default([]), rem: userIds.default([]) });

const updateTaskSchema = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  markdown_content: z.string().optional(),
  status: z.string().optional(),
  priority: z.number().int().min(1).max(4).nullable().optional(),
  due_date: millis.optional(),
  due_date_time: z.boolean().optional(),
  start_date: millis.optional(),
  start_date_time: z.boolean().optional(),
  time_estimate: z.number().int().nullable().optional(),
  points: z.number().nullable().optional(),
  assignees: peopleChange.optional(),
  watchers: peopleChange.optional(),
  group_assignees: z.object({ add: z.array(z.string()).optional(), rem: z.array(z.string()).optional() }).optional(),
  archived: z.boolean().optional(),
  custom_item_id: z.number().nullable().optional(),
});

const dependencySchema = z.object({ depends_on: z.string().min(1).optional(), dependency_of: z.string().min(1).optional() });

function requireTaskName(name: unknown) {
  if (typeof name !== "string" || name.trim() === "") throw apiErrors.taskNameInvalid();
}

function accessibleField(store: ClickUpSandboxStore, list: ListRecord, fieldId: string): CustomFieldDefinition {
  const field = store.fieldsForList(list.id).find((f) => f.id === fieldId);
  if (!field) throw apiErrors.fieldNotFound(fieldId);
  return field;
}

/** Text fields take a string; null (or "") clears the value. */
function fieldValue(field: CustomFieldDefinition, value: unknown): FieldValue {
  if (value === null || typeof value === "string") return value;
  throw apiErrors.fieldValueInvalid(`Value for ${field.type} Custom Field "${field.name}" must be a string`);
}

function createTask(store: ClickUpSandboxStore, listId: string, raw: string) {
  const list = requireList(store, listId);
  const body = jsonObject(raw);
  requireTaskName(body.name);
  const input = validate(body, createTaskSchema);
  const assignees = [...new Set(input.assignees ?? [])];
  requireMembers(store, assignees);
  const status = resolveStatus(store, input.status);
  if (input.parent) {
    // The spec: the parent must be in the List named in the path.
    if (requireTask(store, input.parent).listId !== list.id) throw apiErrors.invalidInput("parent must be a task in the same List");
  }
  const linkTo = input.links_to ? requireTask(store, input.links_to) : undefined;
  const fields: Record<string, FieldValue> = {};
  for (const { id, value } of input.custom_fields ?? []) {
    const set = fieldValue(accessibleField(store, list, id), value);
    if (set !== null && set !== "") fields[id] = set;
  }
  const markdown = input.markdown_content ?? null;
  const task = store.createTask(
    {
      listId: list.id,
      name: input.name.trim(),
      // markdown_content wins over description, as the spec says.
      description: markdown ?? input.description ?? "",
      markdown,
      status: status.status,
      priority: input.priority ?? null,
      assignees,
      tags: [...new Set((input.tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))],
      dueDate: input.due_date ?? null,
      dueDateTime: input.due_date_time ?? false,
      startDate: input.start_date ?? null,
      startDateTime: input.start_date_time ?? false,
      parent: input.parent ?? null,
      archived: input.archived,
      fields,
    },
    status.type === "closed",
  );
  if (linkTo) store.addLink(task.id, linkTo.id);
  return ok(taskView(store, task, { markdown: true }));
}

function updateTask(store: ClickUpSandboxStore, taskId: string, raw: string) {
  const task = requireTask(store, taskId);
  const body = jsonObject(raw);
  if ("name" in body) requireTaskName(body.name);
  const input = validate(body, updateTaskSchema);
  requireMembers(store, [...(input.assignees?.add ?? []), ...(input.watchers?.add ?? [])]);
  const status = resolveStatus(store, input.status ?? task.status);
  const apply = (current: number[], change?: { add: number[]; rem: number[] }) =>
    change ? [...new Set([...current.filter((id) => !change.rem.includes(id)), ...change.add])] : current;
  const change: Partial<TaskRecord> = {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.markdown_content !== undefined
      ? { markdown: input.markdown_content, description: input.markdown_content }
      : input.description !== undefined
        ? { description: input.description, markdown: null }
        : {}),
    status: status.status,
    ...(input.priority !== undefined ? { priority: input.priority } : {}),
    ...(input.due_date !== undefined ? { dueDate: input.due_date } : {}),
    ...(input.due_date_time !== undefined ? { dueDateTime: input.due_date_time } : {}),
    ...(input.start_date !== undefined ? { startDate: input.start_date } : {}),
    ...(input.start_date_time !== undefined ? { startDateTime: input.start_date_time } : {}),
    ...(input.archived !== undefined ? { archived: input.archived } : {}),
    assignees: apply(task.assignees, input.assignees),
    // New assignees become watchers, as in ClickUp.
    watchers: apply([...new Set([...task.watchers, ...(input.assignees?.add ?? [])])], input.watchers),
  };
  const updated = store.updateTask(task.id, change, status.type === "closed");
  return ok(taskView(store, updated, { markdown: true }));
}

/** Which task waits on which, from AddDependency's body or DeleteDependency's query. */
function dependencyPair(store: ClickUpSandboxStore, task: TaskRecord, input: { depends_on?: string; dependency_of?: string }) {
  if ((input.depends_on === undefined) === (input.dependency_of === undefined)) throw apiErrors.dependencyInvalid("Send either depends_on or dependency_of");
  const other = requireTask(store, (input.depends_on ?? input.dependency_of)!);
  if (other.id === task.id) throw apiErrors.dependencyInvalid("A task cannot depend on itself");
  return input.depends_on !== undefined ? { waiting: task.id, blocking: other.id } : { waiting: other.id, blocking: task.id };
}

/** AddTagToTask / RemoveTagFromTask: tags are kept lower-case, as ClickUp does; both answer {}. */
function changeTag(store: ClickUpSandboxStore, taskId: string, rawName: string, add: boolean) {
  const task = requireTask(store, taskId);
  const name = decodeURIComponent(rawName).trim().toLowerCase();
  if (!name) throw apiErrors.invalidInput("tag_name is required");
  const tags = add ? [...new Set([...task.tags, name])] : task.tags.filter((t) => t !== name);
  store.updateTask(task.id, { tags }, task.dateClosed !== null);
  return ok({});
}

export const TASK_ROUTES: readonly Route[] = [
  ["POST", "list/:list_id/task", (ctx, req, p) => createTask(ctx.store, p.list_id, req.rawBody)],
  [
    "GET",
    "list/:list_id/task",
    (ctx, req, p) => {
      const list = requireList(ctx.store, p.list_id);
      const query = parseTaskQuery(req.query);
      const { tasks, lastPage } = selectTasks(ctx.store, list.id, query);
      return ok({ tasks: tasks.map((t) => taskView(ctx.store, t, { markdown: query.markdown })), last_page: lastPage });
    },
  ],
  ["GET", "task/:task_id", (ctx, req, p) => ok(taskView(ctx.store, requireTask(ctx.store, p.task_id), { markdown: req.query.get("include_markdown_description") === "true" }))],
  ["PUT", "task/:task_id", (ctx, req, p) => updateTask(ctx.store, p.task_id, req.rawBody)],
  [
    "DELETE",
    "task/:task_id",
    (ctx, _req, p) => {
      ctx.store.deleteTask(requireTask(ctx.store, p.task_id).id);
      return { status: 204 };
    },
  ],
  [
    "POST",
    "task/:task_id/field/:field_id",
    (ctx, req, p) => {
      const task = requireTask(ctx.store, p.task_id);
      const field = accessibleField(ctx.store, requireList(ctx.store, task.listId), p.field_id);
      const body = jsonObject(req.rawBody);
      if (!("value" in body)) throw apiErrors.fieldValueInvalid("value is required");
      ctx.store.setField(task.id, field.id, fieldValue(field, body.value));
      return ok({});
    },
  ],
  [
    "DELETE",
    "task/:task_id/field/:field_id",
    (ctx, _req, p) => {
      const task = requireTask(ctx.store, p.task_id);
      const field = accessibleField(ctx.store, requireList(ctx.store, task.listId), p.field_id);
      ctx.store.setField(task.id, field.id, null);
      return ok({});
    },
  ],
  ["POST", "task/:task_id/tag/:tag_name", (ctx, _req, p) => changeTag(ctx.store, p.task_id, p.tag_name, true)],
  ["DELETE", "task/:task_id/tag/:tag_name", (ctx, _req, p) => changeTag(ctx.store, p.task_id, p.tag_name, false)],
  [
    "POST",
    "task/:task_id/dependency",
    (ctx, req, p) => {
      const task = requireTask(ctx.store, p.task_id);
      const { waiting, blocking } = dependencyPair(ctx.store, task, validate(jsonObject(req.rawBody), dependencySchema));
      ctx.store.addDependency(waiting, blocking);
      return ok({});
    },
  ],
  [
    "DELETE",
    "task/:task_id/dependency",
    (ctx, req, p) => {
      const task = requireTask(ctx.store, p.task_id);
      const input = { depends_on: req.query.get("depends_on") || undefined, dependency_of: req.query.get("dependency_of") || undefined };
      const { waiting, blocking } = dependencyPair(ctx.store, task, input);
      ctx.store.removeDependency(waiting, blocking);
      return ok({});
    },
  ],
];
