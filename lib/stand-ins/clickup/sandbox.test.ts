import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FAULT_KINDS, HANDOFF_ID_FIELD, MEMBERS, SPACE, TEAM, startClickUpSandbox, type ClickUpSandbox, type ClickUpSandboxOptions } from "./index.ts";

const TOKEN = "pk_81000001_SANDBOXTESTTOKEN0000000000";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function start(options: Partial<ClickUpSandboxOptions> = {}) {
  const sandbox = await startClickUpSandbox({ token: TOKEN, rateLimit: false, ...options });
  cleanups.push(() => sandbox.stop());
  return sandbox;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What a ClickUp client sends: JSON, with the personal token as the whole Authorization header. */
async function call(sandbox: ClickUpSandbox, method: string, route: string, body?: unknown, authorization: string | null = TOKEN) {
  const response = await fetch(`${sandbox.url}/api/v2/${route}`, {
    method,
    headers: { "Content-Type": "application/json", ...(authorization ? { Authorization: authorization } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Json };
}

async function control(sandbox: ClickUpSandbox, method: string, route: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/__sandbox${route}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Json };
}

const member = (email: string) => MEMBERS.find((m) => m.email === email)!;
const filter = (value: string) => encodeURIComponent(JSON.stringify([{ field_id: HANDOFF_ID_FIELD.id, operator: "=", value }]));

async function folderAndList(sandbox: ClickUpSandbox) {
  const folder = (await call(sandbox, "POST", `space/${SPACE.id}/folder`, { name: "Acme Corp" })).body;
  const list = (await call(sandbox, "POST", `folder/${folder.id}/list`, { name: "Acme onboarding" })).body;
  return { folder, list };
}

describe("ClickUp sandbox auth and lookups", () => {
  it("answers the authorized user and workspace, and ClickUp's auth errors", async () => {
    const sandbox = await start();
    expect(await call(sandbox, "GET", "user", undefined, null)).toMatchObject({ status: 401, body: { err: "Authorization header required", ECODE: "OAUTH_017" } });
    expect(await call(sandbox, "GET", "user", undefined, "pk_wrong")).toMatchObject({ status: 401, body: { err: "Token invalid", ECODE: "OAUTH_025" } });

    const user = await call(sandbox, "GET", "user", undefined, `Bearer ${TOKEN}`);
    expect(user).toMatchObject({ status: 200, body: { user: { id: MEMBERS[0].id, email: "admin@demo.local", username: "Ada Admin" } } });

    const { teams } = (await call(sandbox, "GET", "team")).body;
    expect(teams).toHaveLength(1);
    expect(teams[0]).toMatchObject({ id: TEAM.id, name: "Handoff Sandbox" });
    expect(teams[0].members.map((m: Json) => m.user.email)).toEqual([
      "admin@demo.local",
      "leader@demo.local",
      "pm@demo.local",
      "revops@demo.local",
      "lead@demo.local",
      "sales@demo.local",
      "contractor@demo.local",
      "viewer@demo.local",
      "pm2@demo.local",
      "pm3@demo.local",
      "lead2@demo.local",
      "lead3@demo.local",
      "sales2@demo.local",
      "leader2@demo.local",
    ]);
    expect(teams[0].members[6].user).toEqual({ id: 81000007, username: "Lee Contractor", email: "contractor@demo.local", color: expect.any(String), profilePicture: null, initials: "LC", role: 3 });

    const spaces = (await call(sandbox, "GET", `team/${TEAM.id}/space`)).body.spaces;
    expect(spaces.map((s: Json) => [s.id, s.name])).toEqual([[SPACE.id, "Delivery"]]);
    const space = (await call(sandbox, "GET", `space/${SPACE.id}`)).body;
    expect(space.statuses.map((s: Json) => [s.status, s.type])).toEqual([
      ["to do", "open"],
      ["in progress", "custom"],
      ["blocked", "custom"],
      ["complete", "closed"],
    ]);
  });

  it("answers unknown routes with 404 and unknown ids with ClickUp's 401", async () => {
    const sandbox = await start();
    const notAuthorized = { status: 401, body: { err: "Team not authorized", ECODE: "OAUTH_027" } };
    for (const route of ["team/1234/space", "space/1/folder", "folder/1", "list/1", "list/1/task", "task/86zzzzzzz"]) {
      expect({ route, ...(await call(sandbox, "GET", route)) }).toMatchObject({ route, ...notAuthorized });
    }
    expect(await call(sandbox, "GET", "nothing/here")).toMatchObject({ status: 404, body: { err: "Route not found", ECODE: "APP_001" } });
    expect(await call(sandbox, "PATCH", "task/86zzzzzzz", {})).toMatchObject({ status: 404, body: { ECODE: "APP_001" } });
    expect((await fetch(`${sandbox.url}/v2/user`, { headers: { Authorization: TOKEN } })).status).toBe(404);
  });
});

describe("ClickUp sandbox hierarchy and tasks", () => {
  it("creates folders, lists (also folderless) and exposes fields and members", async () => {
    const sandbox = await start();
    const folder = await call(sandbox, "POST", `space/${SPACE.id}/folder`, { name: "Acme Corp" });
    expect(folder).toMatchObject({ status: 200, body: { name: "Acme Corp", hidden: false, space: { id: SPACE.id }, task_count: "0", lists: [] } });
    expect(folder.body.id).toMatch(/^\d+$/);

    const marco = member("pm@demo.local");
    const list = await call(sandbox, "POST", `folder/${folder.body.id}/list`, { name: "Acme onboarding", markdown_content: "**Kickoff**", due_date: 1_900_000_000_000, priority: 2, assignee: marco.id, status: "red" });
    expect(list.body).toMatchObject({
      name: "Acme onboarding",
      content: "**Kickoff**",
      due_date: "1900000000000",
      priority: { priority: "high" },
      assignee: { id: marco.id, username: "Marco Rossi" },
      status: { status: "red", color: "#e50000" },
      folder: { id: folder.body.id, name: "Acme Corp", hidden: false },
      space: { id: SPACE.id },
      url: `https://app.clickup.com/${TEAM.id}/v/li/${list.body.id}`,
    });
    const folderless = (await call(sandbox, "POST", `space/${SPACE.id}/list`, { name: "Intake" })).body;
    expect(folderless).toMatchObject({ folder: { id: SPACE.hiddenFolderId, name: "hidden", hidden: true }, status: null, priority: null, assignee: null });

    expect((await call(sandbox, "GET", `space/${SPACE.id}/folder`)).body.folders.map((f: Json) => [f.name, f.lists.map((l: Json) => l.id)])).toEqual([["Acme Corp", [list.body.id]]]);
    expect((await call(sandbox, "GET", `folder/${folder.body.id}/list`)).body.lists.map((l: Json) => l.name)).toEqual(["Acme onboarding"]);
    expect((await call(sandbox, "GET", `space/${SPACE.id}/list`)).body.lists.map((l: Json) => l.name)).toEqual(["Intake"]);
    expect((await call(sandbox, "GET", `list/${folderless.id}`)).body.name).toBe("Intake");
    expect((await call(sandbox, "GET", `list/${list.body.id}/field`)).body.fields).toEqual([
      { id: HANDOFF_ID_FIELD.id, name: "Handoff ID", type: "short_text", type_config: {}, date_created: HANDOFF_ID_FIELD.date_created, hide_from_guests: false, required: false },
    ]);
    const members = (await call(sandbox, "GET", `list/${list.body.id}/member`)).body.members;
    expect(members.map((m: Json) => m.email)).toContain("contractor@demo.local");
    expect(members[0]).toMatchObject({ id: MEMBERS[0].id, profileInfo: { display_profile: null } });

    expect(await call(sandbox, "POST", `space/${SPACE.id}/folder`, {})).toMatchObject({ status: 400, body: { err: "Folder name invalid" } });
    expect(await call(sandbox, "POST", `folder/${folder.body.id}/list`, { name: " " })).toMatchObject({ status: 400, body: { err: "List name invalid" } });
    expect(await call(sandbox, "POST", `folder/${folder.body.id}/list`, { name: "x", assignee: 1 })).toMatchObject({ status: 400, body: { ECODE: "SANDBOX_ASSIGNEE" } });
    expect(await call(sandbox, "POST", "folder/99999/list", { name: "x" })).toMatchObject({ status: 401, body: { ECODE: "OAUTH_027" } });
  });

  it("creates a task the way ClickUp does, and validates it like ClickUp", async () => {
    const now = 1_800_000_000_000;
    const sandbox = await start({ clock: () => now });
    const { list } = await folderAndList(sandbox);
    const dana = member("lead@demo.local");
    const lee = member("contractor@demo.local");

    const created = await call(sandbox, "POST", `list/${list.id}/task`, {
      name: "Kickoff call",
      markdown_content: "Agree the **scope**",
      assignees: [dana.id, lee.id],
      tags: ["Handoff"],
      status: "In Progress",
      priority: 3,
      due_date: 1_800_100_000_000,
      due_date_time: false,
      notify_all: false,
      custom_fields: [{ id: HANDOFF_ID_FIELD.id, value: "h_42" }],
    });
    expect(created.status).toBe(200);
    const task = created.body;
    expect(task.id).toMatch(/^86[0-9a-z]{7}$/);
    expect(task).toMatchObject({
      name: "Kickoff call",
      markdown_description: "Agree the **scope**",
      status: { status: "in progress", type: "custom" },
      priority: { priority: "normal", id: "3" },
      due_date: "1800100000000",
      date_created: String(now),
      date_closed: null,
      creator: { id: MEMBERS[0].id, email: "admin@demo.local" },
      tags: [{ name: "handoff" }],
      list: { id: list.id, name: "Acme onboarding" },
      space: { id: SPACE.id },
      team_id: TEAM.id,
      url: `https://app.clickup.com/t/${task.id}`,
    });
    expect(task.assignees.map((a: Json) => a.email)).toEqual(["lead@demo.local", "contractor@demo.local"]);
    expect(task.custom_fields).toEqual([expect.objectContaining({ id: HANDOFF_ID_FIELD.id, name: "Handoff ID", value: "h_42" })]);

    const fetched = (await call(sandbox, "GET", `task/${task.id}`)).body;
    expect(fetched.markdown_description).toBeUndefined();
    expect(fetched).toMatchObject({ id: task.id, description: "Agree the **scope**" });
    expect((await call(sandbox, "GET", `task/${task.id}?include_markdown_description=true`)).body.markdown_description).toBe("Agree the **scope**");

    const invalidName = { status: 400, body: { err: "Task name invalid", ECODE: "INPUT_005" } };
    expect(await call(sandbox, "POST", `list/${list.id}/task`, { description: "no name" })).toMatchObject(invalidName);
    expect(await call(sandbox, "POST", `list/${list.id}/task`, { name: "   " })).toMatchObject(invalidName);
    expect(await call(sandbox, "POST", `list/${list.id}/task`, { name: "x", assignees: [12345, dana.id] })).toMatchObject({
      status: 400,
      body: { err: "Assignees are not members of this Workspace: 12345", ECODE: "SANDBOX_ASSIGNEE" },
    });
    expect(await call(sandbox, "POST", `list/${list.id}/task`, { name: "x", assignees: [String(dana.id)] })).toMatchObject({ status: 400, body: { ECODE: "SANDBOX_INPUT" } });
    expect(await call(sandbox, "POST", `list/${list.id}/task`, { name: "x", status: "shipped" })).toMatchObject({ status: 400, body: { ECODE: "SANDBOX_STATUS" } });
    expect(await call(sandbox, "POST", `list/${list.id}/task`, { name: "x", priority: 5 })).toMatchObject({ status: 400, body: { ECODE: "SANDBOX_INPUT" } });
    expect(await call(sandbox, "POST", `list/${list.id}/task`, { name: "x", custom_fields: [{ id: "no-such-field", value: "v" }] })).toMatchObject({ status: 400, body: { ECODE: "SANDBOX_FIELD" } });
    expect(await call(sandbox, "POST", `list/${list.id}/task`, "{not json")).toMatchObject({ status: 400, body: { ECODE: "SANDBOX_JSON" } });
    expect(await call(sandbox, "POST", `list/${list.id}/task`, { name: "x", parent: "86zzzzzzz" })).toMatchObject({ status: 401, body: { ECODE: "OAUTH_027" } });
    expect(sandbox.store.tasks(list.id)).toHaveLength(1);

    const subtask = (await call(sandbox, "POST", `list/${list.id}/task`, { name: "Agenda", parent: task.id, links_to: task.id })).body;
    expect(subtask).toMatchObject({ parent: task.id, top_level_parent: task.id, linked_tasks: [{ task_id: subtask.id, link_id: task.id }] });
  });

  it("updates tasks: assignees add/rem, status, dates; closed tasks and subtasks need asking for", async () => {
    let now = 1_800_000_000_000;
    const sandbox = await start({ clock: () => now });
    const { list } = await folderAndList(sandbox);
    const [dana, sam] = [member("lead@demo.local"), member("sales@demo.local")];
    const task = (await call(sandbox, "POST", `list/${list.id}/task`, { name: "Kickoff", assignees: [dana.id], due_date: 1_800_100_000_000 })).body;
    await call(sandbox, "POST", `list/${list.id}/task`, { name: "Sub", parent: task.id });
    now += 5_000;

    const updated = await call(sandbox, "PUT", `task/${task.id}`, { name: "Kickoff (moved)", description: "New plan", status: "complete", due_date: null, assignees: { add: [sam.id], rem: [dana.id] } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: "Kickoff (moved)", description: "New plan", status: { status: "complete", type: "closed" }, due_date: null, date_closed: String(now), date_updated: String(now) });
    expect(updated.body.assignees.map((a: Json) => a.id)).toEqual([sam.id]);
    expect(updated.body.watchers.map((w: Json) => w.id)).toEqual(expect.arrayContaining([MEMBERS[0].id, dana.id, sam.id]));

    const names = async (query: string) => (await call(sandbox, "GET", `list/${list.id}/task${query}`)).body.tasks.map((t: Json) => t.name);
    expect(await names("")).toEqual([]);
    expect(await names("?include_closed=true")).toEqual(["Kickoff (moved)"]);
    expect(await names("?include_closed=true&subtasks=true")).toEqual(["Sub", "Kickoff (moved)"]);
    expect(await names(`?include_closed=true&assignees[]=${sam.id}`)).toEqual(["Kickoff (moved)"]);
    expect(await names("?subtasks=true&statuses[]=to%20do")).toEqual(["Sub"]);

    expect((await call(sandbox, "PUT", `task/${task.id}`, { status: "to do" })).body).toMatchObject({ status: { status: "to do" }, date_closed: null });
    expect(await call(sandbox, "PUT", `task/${task.id}`, { name: "" })).toMatchObject({ status: 400, body: { ECODE: "INPUT_005" } });
    expect(await call(sandbox, "PUT", `task/${task.id}`, { assignees: { add: [42], rem: [] } })).toMatchObject({ status: 400, body: { ECODE: "SANDBOX_ASSIGNEE" } });

    expect((await call(sandbox, "DELETE", `task/${task.id}`)).status).toBe(204);
    expect(await call(sandbox, "GET", `task/${task.id}`)).toMatchObject({ status: 401, body: { ECODE: "OAUTH_027" } });
    expect(sandbox.store.tasks(list.id)).toHaveLength(0);
  });

  it("sets the Handoff ID field and finds the task again with a custom_fields filter", async () => {
    const sandbox = await start();
    const { list } = await folderAndList(sandbox);
    const ids: string[] = [];
    for (const name of ["one", "two", "three"]) ids.push((await call(sandbox, "POST", `list/${list.id}/task`, { name })).body.id);

    expect(await call(sandbox, "POST", `task/${ids[1]}/field/${HANDOFF_ID_FIELD.id}`, { value: "h_2" })).toMatchObject({ status: 200, body: {} });
    expect((await call(sandbox, "GET", `task/${ids[1]}`)).body.custom_fields[0]).toMatchObject({ id: HANDOFF_ID_FIELD.id, value: "h_2" });

    const found = (await call(sandbox, "GET", `list/${list.id}/task?custom_fields=${filter("h_2")}`)).body;
    expect(found).toMatchObject({ last_page: true });
    expect(found.tasks.map((t: Json) => t.id)).toEqual([ids[1]]);
    expect((await call(sandbox, "GET", `list/${list.id}/task?custom_fields=${filter("h_9")}`)).body.tasks).toEqual([]);
    const unset = encodeURIComponent(JSON.stringify([{ field_id: HANDOFF_ID_FIELD.id, operator: "IS NULL" }]));
    expect((await call(sandbox, "GET", `list/${list.id}/task?custom_fields=${unset}`)).body.tasks.map((t: Json) => t.name)).toEqual(["three", "one"]);

    expect(await call(sandbox, "GET", `list/${list.id}/task?custom_fields=oops`)).toMatchObject({ status: 400, body: { ECODE: "SANDBOX_FILTER" } });
    const badOperator = encodeURIComponent(JSON.stringify([{ field_id: HANDOFF_ID_FIELD.id, operator: "~", value: "h" }]));
    expect(await call(sandbox, "GET", `list/${list.id}/task?custom_fields=${badOperator}`)).toMatchObject({ status: 400, body: { ECODE: "SANDBOX_FILTER" } });
    expect(await call(sandbox, "POST", `task/${ids[0]}/field/not-a-field`, { value: "x" })).toMatchObject({ status: 400, body: { ECODE: "SANDBOX_FIELD" } });
    expect(await call(sandbox, "POST", `task/${ids[0]}/field/${HANDOFF_ID_FIELD.id}`, { value: 7 })).toMatchObject({ status: 400, body: { ECODE: "SANDBOX_FIELD" } });
    expect(await call(sandbox, "POST", `task/${ids[0]}/field/${HANDOFF_ID_FIELD.id}`, {})).toMatchObject({ status: 400, body: { ECODE: "SANDBOX_FIELD" } });

    expect((await call(sandbox, "DELETE", `task/${ids[1]}/field/${HANDOFF_ID_FIELD.id}`)).status).toBe(200);
    expect((await call(sandbox, "GET", `task/${ids[1]}`)).body.custom_fields[0].value).toBeUndefined();
  });

  it("records dependencies on both tasks and removes them", async () => {
    const now = 1_800_000_000_000;
    const sandbox = await start({ clock: () => now });
    const { list } = await folderAndList(sandbox);
    const [a, b, c] = await Promise.all(["A", "B", "C"].map(async (name) => (await call(sandbox, "POST", `list/${list.id}/task`, { name })).body.id as string));

    expect(await call(sandbox, "POST", `task/${a}/dependency`, { depends_on: b })).toMatchObject({ status: 200, body: {} });
    // C blocks A, said from C's side.
    expect((await call(sandbox, "POST", `task/${c}/dependency`, { dependency_of: a })).status).toBe(200);
    // Adding the same dependency again changes nothing.
    await call(sandbox, "POST", `task/${a}/dependency`, { depends_on: b });

    const record = (taskId: string, dependsOn: string, type: number) => ({ task_id: taskId, depends_on: dependsOn, type, date_created: String(now), userid: String(MEMBERS[0].id), workspace_id: TEAM.id, chain_id: null });
    const deps = async (id: string) => (await call(sandbox, "GET", `task/${id}`)).body.dependencies;
    expect(await deps(a)).toEqual([record(a, b, 1), record(a, c, 1)]);
    expect(await deps(b)).toEqual([record(a, b, 0)]);
    expect(await deps(c)).toEqual([record(a, c, 0)]);

    expect(await call(sandbox, "DELETE", `task/${a}/dependency?depends_on=${b}`)).toMatchObject({ status: 200, body: {} });
    expect(await deps(a)).toEqual([record(a, c, 1)]);
    expect(await deps(b)).toEqual([]);
    await call(sandbox, "DELETE", `task/${c}/dependency?dependency_of=${a}`);
    expect(await deps(c)).toEqual([]);

    expect(await call(sandbox, "POST", `task/${a}/dependency`, { depends_on: b, dependency_of: c })).toMatchObject({ status: 400, body: { ECODE: "SANDBOX_DEPENDENCY" } });
    expect(await call(sandbox, "POST", `task/${a}/dependency`, {})).toMatchObject({ status: 400, body: { ECODE: "SANDBOX_DEPENDENCY" } });
    expect(await call(sandbox, "POST", `task/${a}/dependency`, { depends_on: a })).toMatchObject({ status: 400, body: { ECODE: "SANDBOX_DEPENDENCY" } });
    expect(await call(sandbox, "POST", `task/${a}/dependency`, { depends_on: "86zzzzzzz" })).toMatchObject({ status: 401, body: { ECODE: "OAUTH_027" } });
  });

  it("pages 150 tasks, 100 at a time, newest first, with last_page", async () => {
    const sandbox = await start();
    const { list } = await folderAndList(sandbox);
    for (let i = 1; i <= 150; i++) expect((await call(sandbox, "POST", `list/${list.id}/task`, { name: `Task ${i}` })).status).toBe(200);

    const pages = [];
    for (let page = 0; page <= 2; page++) pages.push((await call(sandbox, "GET", `list/${list.id}/task?page=${page}`)).body);
    expect(pages.map((p) => [p.tasks.length, p.last_page])).toEqual([
      [100, false],
      [50, true],
      [0, true],
    ]);
    const ids = new Set(pages.flatMap((p) => p.tasks.map((t: Json) => t.id)));
    expect(ids.size).toBe(150);
    expect(pages[0].tasks[0].name).toBe("Task 150");
    expect(pages[1].tasks.at(-1).name).toBe("Task 1");
    expect((await call(sandbox, "GET", `list/${list.id}/task?reverse=true`)).body.tasks[0].name).toBe("Task 1");
    expect(await call(sandbox, "GET", `list/${list.id}/task?page=-1`)).toMatchObject({ status: 400, body: { ECODE: "SANDBOX_INPUT" } });
  });
});

describe("ClickUp sandbox rate limits and faults", () => {
  it("limits requests per token per window with 429 and X-RateLimit headers", async () => {
    let now = 1_800_000_000_000;
    const sandbox = await start({ rateLimit: { limit: 3, windowMs: 60_000 }, clock: () => now });
    const reset = String(Math.ceil((now + 60_000) / 1000));
    for (const remaining of ["2", "1", "0"]) {
      const { status, headers } = await call(sandbox, "GET", "user");
      expect([status, headers.get("x-ratelimit-limit"), headers.get("x-ratelimit-remaining"), headers.get("x-ratelimit-reset")]).toEqual([200, "3", remaining, reset]);
    }
    const limited = await call(sandbox, "GET", "team");
    expect(limited).toMatchObject({ status: 429, body: { err: "Rate limit reached", ECODE: "APP_002" } });
    expect([limited.headers.get("x-ratelimit-limit"), limited.headers.get("x-ratelimit-remaining"), limited.headers.get("x-ratelimit-reset")]).toEqual(["3", "0", reset]);
    // The control API is never limited; a bad token is refused before it counts.
    expect((await control(sandbox, "GET", "")).status).toBe(200);
    expect((await call(sandbox, "GET", "user", undefined, "pk_other")).status).toBe(401);

    now += 60_000;
    const again = await call(sandbox, "GET", "user");
    expect([again.status, again.headers.get("x-ratelimit-remaining")]).toEqual([200, "2"]);
  });

  it("defaults to 100 requests a minute", async () => {
    const sandbox = await startClickUpSandbox({ token: TOKEN });
    cleanups.push(() => sandbox.stop());
    const { headers } = await call(sandbox, "GET", "user");
    expect([headers.get("x-ratelimit-limit"), headers.get("x-ratelimit-remaining")]).toEqual(["100", "99"]);
    expect((await control(sandbox, "GET", "")).body.rateLimit).toEqual({ limit: 100, windowMs: 60_000 });
  });

  it.each(FAULT_KINDS)("injects %s at rate 1 and never on the control API", async (kind) => {
    const sandbox = await start();
    const { list } = await folderAndList(sandbox);
    sandbox.setFaults({ rate: 1, kinds: [kind], hangMs: 150 });
    const started = Date.now();
    const attempt = call(sandbox, "POST", `list/${list.id}/task`, { name: "Faulty" });
    if (kind === "reset" || kind === "lost_response" || kind === "timeout") {
      await expect(attempt).rejects.toThrow();
      expect(sandbox.store.tasks(list.id)).toHaveLength(kind === "lost_response" ? 1 : 0);
      if (kind === "timeout") expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    } else {
      const { status, body, headers } = await attempt;
      expect(status).toBe(Number(kind));
      expect(body).toEqual({ err: expect.any(String), ECODE: expect.any(String) });
      if (kind === "429") expect(headers.get("x-ratelimit-remaining")).toBe("0");
      expect(sandbox.store.tasks(list.id)).toHaveLength(0);
    }
    expect((await control(sandbox, "GET", "/workspace")).status).toBe(200);

    const off = await control(sandbox, "POST", "/faults", { rate: 0 });
    expect(off.body).toEqual({ faults: null });
    expect((await call(sandbox, "GET", "user")).status).toBe(200);
    await control(sandbox, "POST", "/faults", { rate: 1, kinds: [kind] });
    expect((await control(sandbox, "GET", "/faults")).body).toEqual({ faults: { rate: 1, kinds: [kind] } });
    expect((await control(sandbox, "POST", "/faults", { rate: 2 })).status).toBe(400);
  });

  it("lets stop() finish while a timeout holds a request", async () => {
    const sandbox = await startClickUpSandbox({ token: TOKEN, faults: { rate: 1, kinds: ["timeout"] } });
    const hanging = call(sandbox, "GET", "user").then(
      () => "answered",
      () => "dropped",
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopAt = Date.now();
    await sandbox.stop();
    expect(await hanging).toBe("dropped");
    expect(Date.now() - stopAt).toBeLessThan(2_000);
  });
});

describe("ClickUp sandbox control API and persistence", () => {
  it("shows the whole workspace tree and resets to the seed", async () => {
    const sandbox = await start();
    const { folder, list } = await folderAndList(sandbox);
    const intake = (await call(sandbox, "POST", `space/${SPACE.id}/list`, { name: "Intake" })).body;
    const dana = member("lead@demo.local");
    const first = (await call(sandbox, "POST", `list/${list.id}/task`, { name: "Kickoff", assignees: [dana.id], due_date: 1_900_000_000_000, custom_fields: [{ id: HANDOFF_ID_FIELD.id, value: "h_1" }] })).body;
    const second = (await call(sandbox, "POST", `list/${list.id}/task`, { name: "Design" })).body;
    await call(sandbox, "POST", `task/${second.id}/dependency`, { depends_on: first.id });

    const { status, body } = await control(sandbox, "GET", "/workspace");
    expect(status).toBe(200);
    expect(body.team).toEqual({ id: TEAM.id, name: "Handoff Sandbox", url: `https://app.clickup.com/${TEAM.id}/home` });
    expect(body.members).toHaveLength(MEMBERS.length);
    const [space] = body.spaces;
    expect(space).toMatchObject({ id: SPACE.id, name: "Delivery", lists: [{ id: intake.id, name: "Intake", tasks: [] }] });
    expect(space.folders).toEqual([
      {
        id: folder.id,
        name: "Acme Corp",
        url: `https://app.clickup.com/${TEAM.id}/v/f/${folder.id}/${SPACE.id}`,
        lists: [
          {
            id: list.id,
            name: "Acme onboarding",
            url: `https://app.clickup.com/${TEAM.id}/v/li/${list.id}`,
            tasks: [
              expect.objectContaining({
                id: first.id,
                name: "Kickoff",
                url: `https://app.clickup.com/t/${first.id}`,
                status: { status: "to do", type: "open", color: expect.any(String) },
                assignees: [{ id: dana.id, username: "Dana Kim", email: "lead@demo.local" }],
                due_date: 1_900_000_000_000,
                custom_fields: [{ id: HANDOFF_ID_FIELD.id, name: "Handoff ID", value: "h_1" }],
                dependencies: { waiting_on: [], blocking: [second.id] },
              }),
              expect.objectContaining({ id: second.id, name: "Design", assignees: [], due_date: null, dependencies: { waiting_on: [first.id], blocking: [] } }),
            ],
          },
        ],
      },
    ]);
    expect((await control(sandbox, "GET", "")).body).toMatchObject({ team: { id: TEAM.id }, folders: 1, lists: 2, tasks: 2, faults: null, rateLimit: false });

    const reset = await control(sandbox, "POST", "/reset");
    expect(reset.body.spaces[0]).toMatchObject({ folders: [], lists: [] });
    expect(await call(sandbox, "GET", `task/${first.id}`)).toMatchObject({ status: 401 });
    expect((await control(sandbox, "GET", "/nope")).status).toBe(404);
  });

  it("keeps data across a restart when persistPath is set, and refuses a bad file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "clickup-sandbox-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const persistPath = path.join(dir, "nested", "clickup.json");

    const first = await startClickUpSandbox({ token: TOKEN, persistPath });
    const { list } = await folderAndList(first);
    const a = (await call(first, "POST", `list/${list.id}/task`, { name: "A", assignees: [member("pm@demo.local").id] })).body;
    const b = (await call(first, "POST", `list/${list.id}/task`, { name: "B" })).body;
    await call(first, "POST", `task/${a.id}/field/${HANDOFF_ID_FIELD.id}`, { value: "h_7" });
    await call(first, "POST", `task/${b.id}/dependency`, { depends_on: a.id });
    await first.stop();
    const saved = JSON.parse(readFileSync(persistPath, "utf8")) as { tasks: unknown[] };
    expect(saved.tasks).toHaveLength(2);

    const second = await start({ persistPath });
    const again = (await call(second, "GET", `task/${a.id}`)).body;
    expect(again).toMatchObject({ name: "A", assignees: [{ email: "pm@demo.local" }], custom_fields: [{ value: "h_7" }], dependencies: [{ task_id: b.id, depends_on: a.id }] });
    expect((await call(second, "GET", `list/${list.id}/task?custom_fields=${filter("h_7")}`)).body.tasks.map((t: Json) => t.id)).toEqual([a.id]);
    const next = (await call(second, "POST", `space/${SPACE.id}/list`, { name: "After restart" })).body;
    expect(Number(next.id)).toBeGreaterThan(Number(list.id));

    const broken = path.join(dir, "broken.json");
    writeFileSync(broken, "{nope");
    await expect(startClickUpSandbox({ token: TOKEN, persistPath: broken })).rejects.toThrow(/not valid JSON/);
    writeFileSync(broken, JSON.stringify({ version: 2 }));
    await expect(startClickUpSandbox({ token: TOKEN, persistPath: broken })).rejects.toThrow(/unexpected shape/);
  });
});
