import { faultsAnswer, setFaults, type FaultSwitch } from "../shared/control.ts";
import { FAULT_PROFILE, type FaultOptions } from "./faults.ts";
import type { SandboxRequest, SandboxResponse } from "./http.ts";
import type { RateLimitOptions } from "./rate-limit.ts";
import type { ClickUpSandboxStore, ListRecord, TaskRecord } from "./store.ts";
import { urls } from "./views.ts";

/**
 * /__sandbox: the control API for the demo's sandbox panel and for tests. Not part of
 * ClickUp: no auth (loopback callers only), plain JSON, never subject to faults or rate
 * limits.
 */

export interface ControlContext {
  store: ClickUpSandboxStore;
  faults: FaultSwitch<FaultOptions>;
  rateLimit: RateLimitOptions | false;
}

export { CONTROL_PREFIX } from "../shared/control.ts";

/** A task as the panel shows it: people by name and email, dates as epoch ms. */
function taskNode(store: ClickUpSandboxStore, task: TaskRecord) {
  const status = store.space.statuses.find((s) => s.status === task.status);
  const dependencies = store.dependencies(task.id);
  return {
    id: task.id,
    name: task.name,
    url: urls.task(task.id),
    status: { status: task.status, type: status?.type ?? "open", color: status?.color ?? null },
    assignees: task.assignees.flatMap((id) => {
      const member = store.member(id);
      return member ? [{ id: member.id, username: member.username, email: member.email }] : [];
    }),
    tags: task.tags.map((name) => ({ name })),
    due_date: task.dueDate,
    date_created: task.dateCreated,
    parent: task.parent,
    custom_fields: store.fieldsForList(task.listId).map((f) => ({ id: f.id, name: f.name, value: task.fields[f.id] ?? null })),
    dependencies: {
      waiting_on: dependencies.filter((d) => d.taskId === task.id).map((d) => d.dependsOn),
      blocking: dependencies.filter((d) => d.dependsOn === task.id).map((d) => d.taskId),
    },
  };
}

function listNode(store: ClickUpSandboxStore, list: ListRecord) {
  return { id: list.id, name: list.name, url: urls.list(store.team.id, list.id), tasks: store.tasks(list.id).map((t) => taskNode(store, t)) };
}

/** Spaces → folders → lists → tasks, oldest first; folderless lists sit beside the folders. */
export function workspaceTree(store: ClickUpSandboxStore) {
  const { team, space } = store;
  return {
    team: { id: team.id, name: team.name, url: urls.team(team.id) },
    members: store.members().map((m) => ({ id: m.id, username: m.username, email: m.email, role: m.role })),
    spaces: [
      {
        id: space.id,
        name: space.name,
        url: urls.space(team.id, space.id),
        statuses: space.statuses.map((s) => ({ status: s.status, type: s.type, color: s.color })),
        folders: store.folders(space.id).map((folder) => ({
          id: folder.id,
          name: folder.name,
          url: urls.folder(team.id, folder.id, space.id),
          lists: store.lists(space.id, folder.id).map((l) => listNode(store, l)),
        })),
        lists: store.lists(space.id, null).map((l) => listNode(store, l)),
      },
    ],
  };
}

export function handleControl(ctx: ControlContext, req: SandboxRequest): SandboxResponse {
  const [, resource, ...rest] = req.segments;
  const route = `${req.method} ${[resource, ...rest].filter(Boolean).join("/")}`;

  switch (route) {
    case "GET ":
      return {
        status: 200,
        body: {
          team: { id: ctx.store.team.id, name: ctx.store.team.name },
          space: { id: ctx.store.space.id, name: ctx.store.space.name },
          folders: ctx.store.folders(ctx.store.space.id).length,
          lists: ctx.store.allLists().length,
          tasks: ctx.store.allTasks().length,
          faults: ctx.faults.current() ?? null,
          rateLimit: ctx.rateLimit,
        },
      };
    case "GET workspace":
      return { status: 200, body: workspaceTree(ctx.store) };
    case "GET faults":
      return faultsAnswer(ctx.faults);
    case "POST faults":
      return setFaults(ctx.faults, FAULT_PROFILE.schema, req.rawBody, "Expected { rate: 0..1, kinds?: FaultKind[], hangMs?: number }");
    case "POST reset":
      ctx.store.reset();
      return { status: 200, body: workspaceTree(ctx.store) };
    default:
      return { status: 404, body: { error: `The sandbox control API has no route ${req.method} /${req.segments.join("/")}` } };
  }
}
