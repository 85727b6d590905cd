import { z } from "zod";
import { requireFolder, requireList, requireMembers, requireSpace, requireTeam } from "./access.ts";
import { apiErrors } from "./errors.ts";
import { jsonObject, ok, validate, type SandboxRequest, type SandboxResponse } from "./http.ts";
import type { ClickUpSandboxStore } from "./store.ts";
import { TASK_ROUTES } from "./tasks.ts";
import { fieldView, folderView, listMemberView, listView, spaceView, teamView, userView } from "./views.ts";

/**
 * The ClickUp API v2 endpoints the app uses, under /api/v2, answering with ClickUp's shapes.
 * Handlers are synchronous and return a response (or throw ClickUpApiError); the server
 * decides how it is delivered, which is what lets fault injection lose a response after the
 * write. Auth, rate limiting and faults are the server's business.
 */

export interface ApiContext {
  store: ClickUpSandboxStore;
}

export type RouteParams = Record<string, string>;
export type RouteHandler = (ctx: ApiContext, req: SandboxRequest, params: RouteParams) => SandboxResponse;
export type Route = readonly [method: string, pattern: string, handler: RouteHandler];

const createFolderSchema = z.object({ name: z.string(), parent_folder_id: z.string().optional() });

const createListSchema = z.object({
  name: z.string(),
  content: z.string().optional(),
  markdown_content: z.string().optional(),
  due_date: z.number().int().nullable().optional(),
  due_date_time: z.boolean().optional(),
  priority: z.number().int().min(1).max(4).nullable().optional(),
  assignee: z.number().int().nullable().optional(),
  status: z.string().nullable().optional(),
});

/** The name check comes first, with its own error, as ClickUp's does. */
function requireName(body: Record<string, unknown>, what: "Folder" | "List") {
  if (typeof body.name !== "string" || body.name.trim() === "") throw apiErrors.nameInvalid(what);
}

function createList(ctx: ApiContext, req: SandboxRequest, folderId: string | null): SandboxResponse {
  const body = jsonObject(req.rawBody);
  requireName(body, "List");
  const input = validate(body, createListSchema);
  if (input.assignee != null) requireMembers(ctx.store, [input.assignee]);
  const list = ctx.store.createList({
    spaceId: ctx.store.space.id,
    folderId,
    name: input.name.trim(),
    content: input.markdown_content ?? input.content ?? "",
    dueDate: input.due_date ?? null,
    dueDateTime: input.due_date_time ?? false,
    priority: input.priority ?? null,
    assignee: input.assignee ?? null,
    color: input.status ?? null,
  });
  return ok(listView(ctx.store, list));
}

const ROUTES: readonly Route[] = [
  ["GET", "user", (ctx) => ok({ user: userView(ctx.store.member(ctx.store.authorizedUserId)!) })],
  ["GET", "team", (ctx) => ok({ teams: [teamView(ctx.store)] })],
  [
    "GET",
    "team/:team_id/space",
    (ctx, _req, p) => {
      requireTeam(ctx.store, p.team_id);
      return ok({ spaces: [spaceView(ctx.store)] });
    },
  ],
  [
    "GET",
    "space/:space_id",
    (ctx, _req, p) => {
      requireSpace(ctx.store, p.space_id);
      return ok(spaceView(ctx.store));
    },
  ],
  [
    "GET",
    "space/:space_id/folder",
    (ctx, _req, p) => {
      requireSpace(ctx.store, p.space_id);
      return ok({ folders: ctx.store.folders(p.space_id).map((f) => folderView(ctx.store, f)) });
    },
  ],
  [
    "POST",
    "space/:space_id/folder",
    (ctx, req, p) => {
      requireSpace(ctx.store, p.space_id);
      const body = jsonObject(req.rawBody);
      requireName(body, "Folder");
      const input = validate(body, createFolderSchema);
      return ok(folderView(ctx.store, ctx.store.createFolder(p.space_id, input.name.trim())));
    },
  ],
  [
    "GET",
    "space/:space_id/list",
    (ctx, _req, p) => {
      requireSpace(ctx.store, p.space_id);
      return ok({ lists: ctx.store.lists(p.space_id, null).map((l) => listView(ctx.store, l)) });
    },
  ],
  [
    "POST",
    "space/:space_id/list",
    (ctx, req, p) => {
      requireSpace(ctx.store, p.space_id);
      return createList(ctx, req, null);
    },
  ],
  ["GET", "folder/:folder_id", (ctx, _req, p) => ok(folderView(ctx.store, requireFolder(ctx.store, p.folder_id)))],
  [
    "GET",
    "folder/:folder_id/list",
    (ctx, _req, p) => {
      const folder = requireFolder(ctx.store, p.folder_id);
      return ok({ lists: ctx.store.lists(folder.spaceId, folder.id).map((l) => listView(ctx.store, l)) });
    },
  ],
  ["POST", "folder/:folder_id/list", (ctx, req, p) => createList(ctx, req, requireFolder(ctx.store, p.folder_id).id)],
  ["GET", "list/:list_id", (ctx, _req, p) => ok(listView(ctx.store, requireList(ctx.store, p.list_id)))],
  [
    "GET",
    "list/:list_id/field",
    (ctx, _req, p) => {
      const list = requireList(ctx.store, p.list_id);
      return ok({ fields: ctx.store.fieldsForList(list.id).map(fieldView) });
    },
  ],
  [
    "GET",
    "list/:list_id/member",
    (ctx, _req, p) => {
      requireList(ctx.store, p.list_id);
      // The space is public: everyone in the workspace can see every list.
      return ok({ members: ctx.store.members().map(listMemberView) });
    },
  ],
  ...TASK_ROUTES,
];

/** The route for `/api/v2/...`, with its path parameters; undefined answers ClickUp's 404. */
export function findRoute(method: string, segments: string[]): { handler: RouteHandler; params: RouteParams } | undefined {
  if (segments[0] !== "api" || segments[1] !== "v2") return undefined;
  const rest = segments.slice(2);
  for (const [routeMethod, pattern, handler] of ROUTES) {
    if (routeMethod !== method) continue;
    const parts = pattern.split("/");
    if (parts.length !== rest.length) continue;
    const params: RouteParams = {};
    if (parts.every((part, i) => (part.startsWith(":") ? ((params[part.slice(1)] = rest[i]), true) : part === rest[i]))) return { handler, params };
  }
  return undefined;
}

export function handleApi(ctx: ApiContext, req: SandboxRequest): SandboxResponse {
  const route = findRoute(req.method, req.segments);
  if (!route) throw apiErrors.routeNotFound();
  return route.handler(ctx, req, route.params);
}
