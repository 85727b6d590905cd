import { apiErrors } from "./errors.ts";
import type { TaskStatus } from "./seed.ts";
import type { ClickUpSandboxStore, FolderRecord, ListRecord, TaskRecord } from "./store.ts";

/**
 * Looking ids up the way ClickUp does: an id that does not exist answers 401 "Team not
 * authorized" (OAUTH_027), exactly like one the token may not see, whether it names a team,
 * space, folder, list or task, in the path or in the body.
 */

export function requireTeam(store: ClickUpSandboxStore, teamId: string) {
  if (teamId !== store.team.id) throw apiErrors.teamNotAuthorized();
  return store.team;
}

export function requireSpace(store: ClickUpSandboxStore, spaceId: string) {
  if (spaceId !== store.space.id) throw apiErrors.teamNotAuthorized();
  return store.space;
}

export function requireFolder(store: ClickUpSandboxStore, folderId: string): FolderRecord {
  const folder = store.folder(folderId);
  if (!folder) throw apiErrors.teamNotAuthorized();
  return folder;
}

export function requireList(store: ClickUpSandboxStore, listId: string): ListRecord {
  const list = store.list(listId);
  if (!list) throw apiErrors.teamNotAuthorized();
  return list;
}

export function requireTask(store: ClickUpSandboxStore, taskId: string): TaskRecord {
  const task = store.task(taskId);
  if (!task) throw apiErrors.teamNotAuthorized();
  return task;
}

/** Assignees (and list owners) must be members of the workspace. */
export function requireMembers(store: ClickUpSandboxStore, ids: number[]) {
  const unknown = ids.filter((id) => !store.member(id));
  if (unknown.length > 0) throw apiErrors.assigneeNotMember(unknown);
}

/** A status by name, case-insensitively (ClickUp stores them lower case); the first one by default. */
export function resolveStatus(store: ClickUpSandboxStore, name: string | undefined): TaskStatus {
  if (name === undefined) return store.space.statuses[0];
  const status = store.space.statuses.find((s) => s.status === name.trim().toLowerCase());
  if (!status) throw apiErrors.statusNotFound(name);
  return status;
}
