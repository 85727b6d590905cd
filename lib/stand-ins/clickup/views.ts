import type { ClickUpMember, CustomFieldDefinition, TaskStatus } from "./seed.ts";
import type { ClickUpSandboxStore, FolderRecord, ListRecord, TaskRecord } from "./store.ts";

/**
 * Records as ClickUp's API returns them: ids and epoch-ms dates as strings, people as small
 * objects, and `null` where ClickUp has nothing (a member without an avatar has
 * `profilePicture: null`, a task without a priority `priority: null`).
 */

/** ClickUp's own links, as the real ClickUp returns them. */
export const urls = {
  task: (taskId: string) => `https://app.clickup.com/t/${taskId}`,
  list: (teamId: string, listId: string) => `https://app.clickup.com/${teamId}/v/li/${listId}`,
  folder: (teamId: string, folderId: string, spaceId: string) => `https://app.clickup.com/${teamId}/v/f/${folderId}/${spaceId}`,
  space: (teamId: string, spaceId: string) => `https://app.clickup.com/${teamId}/v/s/${spaceId}`,
  team: (teamId: string) => `https://app.clickup.com/${teamId}/home`,
};

/**
 * The links this stand-in returns. It has no pages of its own: with a link base (the app's Sandbox
 * page) a list or task opens there, at that object, so the app uses whatever URL ClickUp answers.
 */
export function links(store: { linkBase?: string }): typeof urls {
  const base = store.linkBase;
  if (!base) return urls;
  const at = (anchor?: string) => `${base}?tool=clickup${anchor ? `#${anchor}` : ""}`;
  return { task: (taskId) => at(`clickup-task-${taskId}`), list: (_teamId, listId) => at(`clickup-list-${listId}`), folder: () => at(), space: () => at(), team: () => at() };
}

/** Task and list priorities: 1 urgent … 4 low. */
export const PRIORITIES: Record<number, { priority: string; color: string }> = {
  1: { priority: "urgent", color: "#f50000" },
  2: { priority: "high", color: "#ffcc00" },
  3: { priority: "normal", color: "#6fddff" },
  4: { priority: "low", color: "#d8d8d8" },
};

/** A list's "status" is its colour, named in CreateList's `status`. */
const LIST_COLORS: Record<string, string> = {
  red: "#e50000",
  orange: "#ff7800",
  yellow: "#ffcc00",
  green: "#2ecd6f",
  blue: "#0231e8",
  purple: "#7b68ee",
  pink: "#ff00df",
  grey: "#87909e",
};

const msString = (ms: number | null) => (ms === null ? null : String(ms));

/** GET /v2/user. */
export function userView(member: ClickUpMember) {
  return {
    id: member.id,
    username: member.username,
    email: member.email,
    color: member.color,
    profilePicture: null,
    initials: member.initials,
    week_start_day: 1,
    global_font_support: true,
    timezone: "Europe/London",
  };
}

/** A workspace member in GET /v2/team and a space's `members`. */
export function teamMemberView(member: ClickUpMember) {
  return {
    user: {
      id: member.id,
      username: member.username,
      email: member.email,
      color: member.color,
      profilePicture: null,
      initials: member.initials,
      role: member.role,
    },
  };
}

/** A task's creator, assignees and watchers; a list's members add `profileInfo`. */
export function personView(member: ClickUpMember) {
  return { id: member.id, username: member.username, color: member.color, initials: member.initials, email: member.email, profilePicture: null };
}

export function listMemberView(member: ClickUpMember) {
  return {
    ...personView(member),
    profileInfo: {
      display_profile: null,
      verified_ambassador: null,
      verified_consultant: null,
      top_tier_user: null,
      viewed_verified_ambassador: null,
      viewed_verified_consultant: null,
      viewed_top_tier_user: null,
    },
  };
}

export function teamView(store: ClickUpSandboxStore) {
  return { id: store.team.id, name: store.team.name, color: store.team.color, avatar: null, members: store.members().map(teamMemberView) };
}

export function statusView(status: TaskStatus) {
  return { id: status.id, status: status.status, color: status.color, orderindex: status.orderindex, type: status.type };
}

export function spaceView(store: ClickUpSandboxStore) {
  const { space } = store;
  const on = { enabled: true };
  const off = { enabled: false };
  return {
    id: space.id,
    name: space.name,
    color: space.color,
    private: false,
    avatar: null,
    admin_can_manage: true,
    archived: false,
    members: store.members().map(teamMemberView),
    statuses: space.statuses.map(statusView),
    multiple_assignees: true,
    features: {
      due_dates: { enabled: true, start_date: true, remap_due_dates: false, remap_closed_due_date: false },
      time_tracking: off,
      tags: on,
      time_estimates: off,
      checklists: on,
      custom_fields: on,
      remap_dependencies: off,
      dependency_warning: on,
      portfolios: off,
    },
  };
}

/** The `folder` a list or task names: folderless lists sit in the space's hidden folder. */
function folderRef(store: ClickUpSandboxStore, list: ListRecord) {
  const folder = list.folderId ? store.folder(list.folderId) : undefined;
  return folder ? { id: folder.id, name: folder.name, hidden: false, access: true } : { id: store.space.hiddenFolderId, name: "hidden", hidden: true, access: true };
}

export function listView(store: ClickUpSandboxStore, list: ListRecord) {
  const owner = list.assignee === null ? undefined : store.member(list.assignee);
  const priority = list.priority === null ? undefined : PRIORITIES[list.priority];
  return {
    id: list.id,
    name: list.name,
    orderindex: list.orderindex,
    content: list.content,
    status: list.color ? { status: list.color, color: LIST_COLORS[list.color] ?? list.color, hide_label: true } : null,
    priority: priority ? { priority: priority.priority, color: priority.color } : null,
    assignee: owner ? { id: owner.id, color: owner.color, username: owner.username, initials: owner.initials, profilePicture: null } : null,
    task_count: String(store.tasks(list.id).length),
    due_date: msString(list.dueDate),
    due_date_time: list.dueDateTime,
    start_date: null,
    start_date_time: null,
    folder: folderRef(store, list),
    space: { id: store.space.id, name: store.space.name, access: true },
    archived: false,
    override_statuses: false,
    statuses: store.space.statuses.map(statusView),
    permission_level: "create",
    url: links(store).list(store.team.id, list.id),
  };
}

export function folderView(store: ClickUpSandboxStore, folder: FolderRecord) {
  const lists = store.lists(folder.spaceId, folder.id);
  return {
    id: folder.id,
    name: folder.name,
    orderindex: folder.orderindex,
    override_statuses: false,
    hidden: false,
    space: { id: store.space.id, name: store.space.name, access: true },
    task_count: String(lists.reduce((n, l) => n + store.tasks(l.id).length, 0)),
    archived: false,
    statuses: [],
    lists: lists.map((l) => listView(store, l)),
    permission_level: "create",
  };
}

/** GET /v2/list/{list_id}/field. */
export function fieldView(field: CustomFieldDefinition) {
  return { id: field.id, name: field.name, type: field.type, type_config: {}, date_created: field.date_created, hide_from_guests: false, required: false };
}

function topLevelParent(store: ClickUpSandboxStore, task: TaskRecord): string | null {
  let current = task;
  while (current.parent) {
    const parent = store.task(current.parent);
    if (!parent) break;
    current = parent;
  }
  return current === task ? null : current.id;
}

/**
 * A task as GET /v2/task/{task_id} returns it (and create, update and the task list).
 * `markdown_description` only when asked for, as ClickUp does.
 */
export function taskView(store: ClickUpSandboxStore, task: TaskRecord, options: { markdown?: boolean } = {}) {
  const list = store.list(task.listId)!;
  const status = store.space.statuses.find((s) => s.status === task.status) ?? store.space.statuses[0];
  const people = (ids: number[]) => ids.flatMap((id) => (store.member(id) ? [personView(store.member(id)!)] : []));
  const priority = task.priority === null ? undefined : PRIORITIES[task.priority];
  const folder = folderRef(store, list);
  return {
    id: task.id,
    custom_id: null,
    custom_item_id: 0,
    name: task.name,
    text_content: task.description,
    description: task.description,
    ...(options.markdown ? { markdown_description: task.markdown ?? task.description } : {}),
    status: statusView(status),
    orderindex: `${task.orderindex}.00000000000000000000000000000000`,
    date_created: String(task.dateCreated),
    date_updated: String(task.dateUpdated),
    date_closed: msString(task.dateClosed),
    date_done: msString(task.dateClosed),
    archived: task.archived,
    creator: personView(store.member(task.creator)!),
    assignees: people(task.assignees),
    group_assignees: [],
    watchers: people(task.watchers),
    checklists: [],
    tags: task.tags.map((name) => ({ name, tag_fg: "#ffffff", tag_bg: "#7b68ee", creator: task.creator })),
    parent: task.parent,
    top_level_parent: topLevelParent(store, task),
    priority: priority ? { color: priority.color, id: String(task.priority), orderindex: String(task.priority), priority: priority.priority } : null,
    due_date: msString(task.dueDate),
    start_date: msString(task.startDate),
    points: null,
    time_estimate: null,
    custom_fields: store.fieldsForList(task.listId).map((field) => ({
      ...fieldView(field),
      ...(task.fields[field.id] !== undefined ? { value: task.fields[field.id] } : {}),
    })),
    // The same record appears on both tasks. `type` follows the spec's example: 1 on the
    // task that waits (task_id), 0 on the task it waits on (depends_on).
    dependencies: store.dependencies(task.id).map((d) => ({
      task_id: d.taskId,
      depends_on: d.dependsOn,
      type: d.taskId === task.id ? 1 : 0,
      date_created: String(d.dateCreated),
      userid: String(d.userId),
      workspace_id: store.team.id,
      chain_id: null,
    })),
    linked_tasks: store.links(task.id).map((l) => ({
      task_id: task.id,
      link_id: l.taskId === task.id ? l.linkId : l.taskId,
      date_created: String(l.dateCreated),
      userid: String(l.userId),
      workspace_id: store.team.id,
    })),
    locations: [],
    team_id: store.team.id,
    url: links(store).task(task.id),
    sharing: { public: false, public_share_expires_on: null, public_fields: ["assignees", "priority", "due_date", "content", "comments", "attachments", "customFields", "subtasks", "tags", "checklists", "coverimage"], token: null, seo_optimized: false },
    permission_level: "create",
    list: { id: list.id, name: list.name, access: true },
    project: folder,
    folder,
    space: { id: store.space.id },
  };
}
