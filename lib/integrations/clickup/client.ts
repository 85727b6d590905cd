import { z } from "zod";

/**
 * ClickUp API v2 over plain fetch (ClickUp publishes no official SDK). Every answer is
 * parsed with zod at the edge, so a changed API fails here with a clear message. No
 * retries of its own: the sync engine retries with backoff, honouring X-RateLimit-Reset.
 */

export class ClickUpApiError extends Error {
  readonly status: number;
  readonly ecode: string | null;
  readonly retryAfterMs: number | undefined;

  constructor(status: number, message: string, ecode: string | null, retryAfterMs?: number) {
    super(`ClickUp answered ${status}${ecode ? ` ${ecode}` : ""}: ${message}`);
    this.name = "ClickUpApiError";
    this.status = status;
    this.ecode = ecode;
    this.retryAfterMs = retryAfterMs;
  }
}

const errorBody = z.object({ err: z.string(), ECODE: z.string().optional() });

const member = z.looseObject({ id: z.number(), username: z.string().nullable().optional(), email: z.string().nullable().optional() });
export type ClickUpMember = z.infer<typeof member>;

const team = z.looseObject({ id: z.string(), name: z.string(), members: z.array(z.looseObject({ user: member })).default([]) });
const space = z.looseObject({ id: z.string(), name: z.string() });
const folder = z.looseObject({ id: z.string(), name: z.string() });
const list = z.looseObject({ id: z.string(), name: z.string(), url: z.string().optional() });
const field = z.looseObject({ id: z.string(), name: z.string(), type: z.string() });
const task = z.looseObject({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  description: z.string().nullable().optional(),
  assignees: z.array(member).default([]),
  tags: z.array(z.looseObject({ name: z.string() })).default([]),
  due_date: z.string().nullable().optional(),
  dependencies: z.array(z.looseObject({ task_id: z.string(), depends_on: z.string() })).default([]),
  custom_fields: z.array(z.looseObject({ id: z.string(), name: z.string(), value: z.unknown().optional() })).default([]),
});
export type ClickUpTask = z.infer<typeof task>;

export interface CreateTaskInput {
  name: string;
  markdown_content?: string;
  assignees?: number[];
  due_date?: number;
  due_date_time?: boolean;
  start_date?: number;
  tags?: string[];
  notify_all?: boolean;
  custom_fields?: { id: string; value: string }[];
}

const TIMEOUT_MS = 20_000;

export class ClickUpClient {
  private readonly base: string;

  constructor(
    private readonly token: string,
    baseUrl: string,
  ) {
    this.base = `${baseUrl.replace(/\/$/, "")}/v2`;
  }

  private async request<T>(method: string, path: string, schema: z.ZodType<T>, options: { body?: unknown; query?: Record<string, string> } = {}): Promise<T> {
    const url = new URL(`${this.base}${path}`);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    const response = await fetch(url, {
      method,
      headers: { Authorization: this.token, ...(options.body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const parsed = errorBody.safeParse(json);
      const reset = Number(response.headers.get("x-ratelimit-reset"));
      const retryAfterMs = response.status === 429 && Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : undefined;
      throw new ClickUpApiError(response.status, parsed.success ? parsed.data.err : text.slice(0, 200) || response.statusText, parsed.success ? (parsed.data.ECODE ?? null) : null, retryAfterMs);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new Error(`ClickUp's answer to ${method} ${path} has an unexpected shape: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  authorizedUser() {
    return this.request("GET", "/user", z.object({ user: member })).then((r) => r.user);
  }

  teams() {
    return this.request("GET", "/team", z.object({ teams: z.array(team) })).then((r) => r.teams);
  }

  space(spaceId: string) {
    return this.request("GET", `/space/${encodeURIComponent(spaceId)}`, space);
  }

  folders(spaceId: string) {
    return this.request("GET", `/space/${encodeURIComponent(spaceId)}/folder`, z.object({ folders: z.array(folder) }), { query: { archived: "false" } }).then((r) => r.folders);
  }

  createFolder(spaceId: string, name: string) {
    return this.request("POST", `/space/${encodeURIComponent(spaceId)}/folder`, folder, { body: { name } });
  }

  lists(folderId: string) {
    return this.request("GET", `/folder/${encodeURIComponent(folderId)}/list`, z.object({ lists: z.array(list) }), { query: { archived: "false" } }).then((r) => r.lists);
  }

  /** A list by id, or null when it is gone (ClickUp answers 401 OAUTH_027 for objects the token cannot see, 404 for removed ones). */
  async list(listId: string) {
    try {
      return await this.request("GET", `/list/${encodeURIComponent(listId)}`, list);
    } catch (error) {
      if (error instanceof ClickUpApiError && (error.status === 404 || error.ecode === "OAUTH_027")) return null;
      throw error;
    }
  }

  createList(folderId: string, input: { name: string; markdown_content?: string }) {
    return this.request("POST", `/folder/${encodeURIComponent(folderId)}/list`, list, { body: input });
  }

  fields(listId: string) {
    return this.request("GET", `/list/${encodeURIComponent(listId)}/field`, z.object({ fields: z.array(field) })).then((r) => r.fields);
  }

  /** Every task of a list, following ClickUp's page/last_page pagination. */
  async tasks(listId: string): Promise<ClickUpTask[]> {
    const all: ClickUpTask[] = [];
    for (let page = 0; page < 100; page++) {
      const res = await this.request("GET", `/list/${encodeURIComponent(listId)}/task`, z.object({ tasks: z.array(task), last_page: z.boolean().optional() }), {
        query: { page: String(page), include_closed: "true", subtasks: "true" },
      });
      all.push(...res.tasks);
      if (res.last_page !== false || res.tasks.length === 0) break;
    }
    return all;
  }

  createTask(listId: string, input: CreateTaskInput) {
    return this.request("POST", `/list/${encodeURIComponent(listId)}/task`, task, { body: input });
  }

  updateTask(taskId: string, input: { name?: string; markdown_content?: string; due_date?: number | null; assignees?: { add: number[]; rem: number[] } }) {
    return this.request("PUT", `/task/${encodeURIComponent(taskId)}`, task, { body: input });
  }

  addTag(taskId: string, tag: string) {
    return this.request("POST", `/task/${encodeURIComponent(taskId)}/tag/${encodeURIComponent(tag)}`, z.unknown());
  }

  removeTag(taskId: string, tag: string) {
    return this.request("DELETE", `/task/${encodeURIComponent(taskId)}/tag/${encodeURIComponent(tag)}`, z.unknown());
  }

  addDependency(taskId: string, dependsOn: string) {
    return this.request("POST", `/task/${encodeURIComponent(taskId)}/dependency`, z.unknown(), { body: { depends_on: dependsOn } });
  }
}

/** What the client needs, given by its caller (lib/connections reads it from the saved connection or the environment). */
export interface ClickUpClientConfig {
  token: string;
  baseUrl: string;
}

export function createClickUpClient(config: ClickUpClientConfig): ClickUpClient {
  return new ClickUpClient(config.token, config.baseUrl);
}
