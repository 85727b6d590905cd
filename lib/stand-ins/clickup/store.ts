import { randomBytes } from "node:crypto";
import { AUTHORIZED_USER_ID, CUSTOM_FIELDS, FIRST_ID, MEMBERS, SPACE, TEAM, type ClickUpMember, type CustomFieldDefinition } from "./seed.ts";

/**
 * The workspace's mutable state: folders, lists, tasks, dependencies and links. The team,
 * members, space and custom field definitions are fixed by the seed. The store keeps data
 * only; the API handlers validate input and shape answers.
 */

export interface FolderRecord {
  id: string;
  spaceId: string;
  name: string;
  orderindex: number;
  /** Epoch ms. */
  dateCreated: number;
}

export interface ListRecord {
  id: string;
  spaceId: string;
  /** Null for a folderless list (it lives in the space's hidden folder). */
  folderId: string | null;
  name: string;
  content: string;
  orderindex: number;
  dueDate: number | null;
  dueDateTime: boolean;
  priority: number | null;
  /** The list's owner (a member id). */
  assignee: number | null;
  /** The list's colour ("status" in ClickUp's words). */
  color: string | null;
  dateCreated: number;
}

export type FieldValue = string | number | boolean | null;

export interface TaskRecord {
  id: string;
  listId: string;
  name: string;
  description: string;
  markdown: string | null;
  /** Lower case, one of the space's statuses. */
  status: string;
  priority: number | null;
  assignees: number[];
  watchers: number[];
  tags: string[];
  dueDate: number | null;
  dueDateTime: boolean;
  startDate: number | null;
  startDateTime: boolean;
  parent: string | null;
  creator: number;
  dateCreated: number;
  dateUpdated: number;
  dateClosed: number | null;
  archived: boolean;
  orderindex: number;
  /** Custom field id to value; unset fields are absent. */
  fields: Record<string, FieldValue>;
}

/** `taskId` waits on `dependsOn` (`dependsOn` blocks `taskId`). */
export interface DependencyRecord {
  taskId: string;
  dependsOn: string;
  dateCreated: number;
  userId: number;
}

export interface LinkRecord {
  taskId: string;
  linkId: string;
  dateCreated: number;
  userId: number;
}

export interface SandboxData {
  version: 1;
  nextId: number;
  folders: FolderRecord[];
  lists: ListRecord[];
  tasks: TaskRecord[];
  dependencies: DependencyRecord[];
  links: LinkRecord[];
}

export type NewTask = Omit<TaskRecord, "id" | "creator" | "dateCreated" | "dateUpdated" | "dateClosed" | "archived" | "orderindex" | "watchers"> & {
  archived?: boolean;
};

const emptyData = (): SandboxData => ({ version: 1, nextId: FIRST_ID, folders: [], lists: [], tasks: [], dependencies: [], links: [] });

/** Task ids look like ClickUp's: "86" and seven lower-case letters or digits. */
function newTaskId(): string {
  const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
  return `86${[...randomBytes(7)].map((b) => alphabet[b % alphabet.length]).join("")}`;
}

export class ClickUpSandboxStore {
  /** Where people open this tool's objects (the app's Sandbox page); unset: ClickUp's own links. */
  linkBase: string | undefined = undefined;
  readonly team = TEAM;
  readonly space = SPACE;
  readonly authorizedUserId = AUTHORIZED_USER_ID;
  private data: SandboxData;
  private readonly mutationListeners = new Set<() => void>();

  constructor(
    initial?: SandboxData,
    private readonly clock: () => number = Date.now,
  ) {
    this.data = initial ? structuredClone(initial) : emptyData();
  }

  // ───────────────────────── persistence ─────────────────────────

  /** Any change at all, for persistence. */
  onMutation(listener: () => void): () => void {
    this.mutationListeners.add(listener);
    return () => this.mutationListeners.delete(listener);
  }

  toJSON(): SandboxData {
    return structuredClone(this.data);
  }

  /** Back to the seed: no folders, lists or tasks. */
  reset() {
    this.data = emptyData();
    this.mutated();
  }

  private mutated() {
    for (const listener of this.mutationListeners) listener();
  }

  private nextId(): string {
    const id = this.data.nextId++;
    return String(id);
  }

  // ───────────────────────── people and fields ─────────────────────────

  members(): readonly ClickUpMember[] {
    return MEMBERS;
  }

  member(id: number): ClickUpMember | undefined {
    return MEMBERS.find((m) => m.id === id);
  }

  /** The fields a list's tasks can carry: the space's fields (there are no list-level ones). */
  fieldsForList(_listId: string): readonly CustomFieldDefinition[] {
    return CUSTOM_FIELDS;
  }

  // ───────────────────────── hierarchy ─────────────────────────

  folders(spaceId: string): FolderRecord[] {
    return this.data.folders.filter((f) => f.spaceId === spaceId);
  }

  folder(id: string): FolderRecord | undefined {
    return this.data.folders.find((f) => f.id === id);
  }

  createFolder(spaceId: string, name: string): FolderRecord {
    const folder: FolderRecord = { id: this.nextId(), spaceId, name, orderindex: this.folders(spaceId).length, dateCreated: this.clock() };
    this.data.folders.push(folder);
    this.mutated();
    return folder;
  }

  /** Lists in a folder, or the space's folderless lists when `folderId` is null. */
  lists(spaceId: string, folderId: string | null): ListRecord[] {
    return this.data.lists.filter((l) => l.spaceId === spaceId && l.folderId === folderId);
  }

  allLists(): ListRecord[] {
    return [...this.data.lists];
  }

  list(id: string): ListRecord | undefined {
    return this.data.lists.find((l) => l.id === id);
  }

  createList(input: Omit<ListRecord, "id" | "orderindex" | "dateCreated">): ListRecord {
    const list: ListRecord = { ...input, id: this.nextId(), orderindex: this.lists(input.spaceId, input.folderId).length, dateCreated: this.clock() };
    this.data.lists.push(list);
    this.mutated();
    return list;
  }

  // ───────────────────────── tasks ─────────────────────────

  /** A list's tasks, oldest first. */
  tasks(listId: string): TaskRecord[] {
    return this.data.tasks.filter((t) => t.listId === listId);
  }

  allTasks(): TaskRecord[] {
    return [...this.data.tasks];
  }

  task(id: string): TaskRecord | undefined {
    return this.data.tasks.find((t) => t.id === id);
  }

  createTask(input: NewTask, closed: boolean): TaskRecord {
    let id = newTaskId();
    while (this.task(id)) id = newTaskId();
    const now = this.clock();
    const task: TaskRecord = {
      ...input,
      archived: input.archived ?? false,
      id,
      creator: this.authorizedUserId,
      // ClickUp makes the creator and the assignees watchers.
      watchers: [...new Set([this.authorizedUserId, ...input.assignees])],
      dateCreated: now,
      dateUpdated: now,
      dateClosed: closed ? now : null,
      orderindex: this.tasks(input.listId).length + 1,
    };
    this.data.tasks.push(task);
    this.mutated();
    return task;
  }

  /** Applies a change; `closed` says whether the (possibly new) status is a closed one. */
  updateTask(id: string, change: Partial<Omit<TaskRecord, "id" | "listId" | "creator" | "dateCreated">>, closed: boolean): TaskRecord {
    const task = this.task(id);
    if (!task) throw new Error(`No task ${id}`);
    const wasClosed = task.dateClosed !== null;
    Object.assign(task, change);
    const now = this.clock();
    task.dateUpdated = now;
    if (closed && !wasClosed) task.dateClosed = now;
    if (!closed) task.dateClosed = null;
    this.mutated();
    return task;
  }

  setField(taskId: string, fieldId: string, value: FieldValue) {
    const task = this.task(taskId);
    if (!task) throw new Error(`No task ${taskId}`);
    if (value === null || value === "") delete task.fields[fieldId];
    else task.fields[fieldId] = value;
    task.dateUpdated = this.clock();
    this.mutated();
  }

  /** Deletes a task with its subtasks and every dependency or link that names them. */
  deleteTask(id: string) {
    const doomed = new Set([id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of this.data.tasks) {
        if (t.parent && doomed.has(t.parent) && !doomed.has(t.id)) {
          doomed.add(t.id);
          grew = true;
        }
      }
    }
    this.data.tasks = this.data.tasks.filter((t) => !doomed.has(t.id));
    this.data.dependencies = this.data.dependencies.filter((d) => !doomed.has(d.taskId) && !doomed.has(d.dependsOn));
    this.data.links = this.data.links.filter((l) => !doomed.has(l.taskId) && !doomed.has(l.linkId));
    this.mutated();
  }

  // ───────────────────────── dependencies and links ─────────────────────────

  /** Every dependency either task is part of. */
  dependencies(taskId: string): DependencyRecord[] {
    return this.data.dependencies.filter((d) => d.taskId === taskId || d.dependsOn === taskId);
  }

  /** Makes `taskId` wait on `dependsOn`; adding one that exists changes nothing. */
  addDependency(taskId: string, dependsOn: string): DependencyRecord {
    const existing = this.data.dependencies.find((d) => d.taskId === taskId && d.dependsOn === dependsOn);
    if (existing) return existing;
    const dependency: DependencyRecord = { taskId, dependsOn, dateCreated: this.clock(), userId: this.authorizedUserId };
    this.data.dependencies.push(dependency);
    this.mutated();
    return dependency;
  }

  removeDependency(taskId: string, dependsOn: string) {
    const before = this.data.dependencies.length;
    this.data.dependencies = this.data.dependencies.filter((d) => !(d.taskId === taskId && d.dependsOn === dependsOn));
    if (this.data.dependencies.length !== before) this.mutated();
  }

  links(taskId: string): LinkRecord[] {
    return this.data.links.filter((l) => l.taskId === taskId || l.linkId === taskId);
  }

  addLink(taskId: string, linkId: string) {
    if (this.data.links.some((l) => (l.taskId === taskId && l.linkId === linkId) || (l.taskId === linkId && l.linkId === taskId))) return;
    this.data.links.push({ taskId, linkId, dateCreated: this.clock(), userId: this.authorizedUserId });
    this.mutated();
  }
}
