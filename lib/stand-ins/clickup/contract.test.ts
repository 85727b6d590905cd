import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import type { AnySchema, ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickUpClient } from "../../integrations/clickup/client.ts";
import { HANDOFF_ID_FIELD, MEMBERS, SPACE, TEAM, startClickUpSandbox, type ClickUpSandbox } from "./index.ts";

/**
 * What a client sends and what the stand-in answers, checked against ClickUp's published
 * OpenAPI 3.1 description. Its schemas are inline and refer to each other by JSON pointers
 * into `#/paths/...`, so the whole document is registered with Ajv and validators point
 * into it (Ajv reads the spec's OpenAPI 3.0 leftover `nullable: true` itself). Two documented
 * corrections are applied to a copy before use (see `correct`).
 */

const specsDir = path.resolve(import.meta.dirname, "../../..", process.env.VENDOR_SPECS_DIR ?? "../shared/vendor-specs");
const specFile = path.join(specsDir, "clickup", "clickup-api-v2-reference.json");

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Spec {
  servers: Array<{ url: string }>;
  components: { securitySchemes: Record<string, Json> };
  paths: Record<string, Record<string, Json>>;
}

const SPEC_ID = "https://api.clickup.com/clickup-api-v2-reference.json";

// The operations the stand-in serves, as the spec names them.
const OPERATIONS = {
  GetAuthorizedUser: ["get", "/v2/user"],
  GetAuthorizedTeams: ["get", "/v2/team"],
  GetSpaces: ["get", "/v2/team/{team_id}/space"],
  GetSpace: ["get", "/v2/space/{space_id}"],
  GetFolders: ["get", "/v2/space/{space_id}/folder"],
  CreateFolder: ["post", "/v2/space/{space_id}/folder"],
  GetFolderlessLists: ["get", "/v2/space/{space_id}/list"],
  CreateFolderlessList: ["post", "/v2/space/{space_id}/list"],
  GetFolder: ["get", "/v2/folder/{folder_id}"],
  GetLists: ["get", "/v2/folder/{folder_id}/list"],
  CreateList: ["post", "/v2/folder/{folder_id}/list"],
  GetList: ["get", "/v2/list/{list_id}"],
  GetAccessibleCustomFields: ["get", "/v2/list/{list_id}/field"],
  GetListMembers: ["get", "/v2/list/{list_id}/member"],
  GetTasks: ["get", "/v2/list/{list_id}/task"],
  CreateTask: ["post", "/v2/list/{list_id}/task"],
  GetTask: ["get", "/v2/task/{task_id}"],
  UpdateTask: ["put", "/v2/task/{task_id}"],
  DeleteTask: ["delete", "/v2/task/{task_id}"],
  SetCustomFieldValue: ["post", "/v2/task/{task_id}/field/{field_id}"],
  RemoveCustomFieldValue: ["delete", "/v2/task/{task_id}/field/{field_id}"],
  AddDependency: ["post", "/v2/task/{task_id}/dependency"],
  DeleteDependency: ["delete", "/v2/task/{task_id}/dependency"],
} as const;
type OperationName = keyof typeof OPERATIONS;

/** The request bodies a client sends (the app's ClickUp client builds exactly these shapes). */
const REQUESTS = {
  CreateFolder: () => ({ name: "Acme Corp" }),
  CreateList: () => ({ name: "Acme onboarding", markdown_content: "Signed **2030-06-01**", due_date: 1_900_000_000_000, due_date_time: false, priority: 2, assignee: MEMBERS[2].id, status: "red" }),
  CreateTask: (handoffId: string) => ({
    name: "Kickoff call",
    markdown_content: "Agree the **scope**",
    assignees: [MEMBERS[4].id, MEMBERS[6].id],
    tags: ["handoff"],
    status: "to do",
    priority: 3,
    due_date: 1_900_000_000_000,
    due_date_time: false,
    notify_all: false,
    custom_fields: [{ id: HANDOFF_ID_FIELD.id, value: handoffId }],
  }),
  UpdateTask: () => ({ name: "Kickoff call (moved)", status: "in progress", due_date: 1_900_100_000_000, assignees: { add: [MEMBERS[5].id], rem: [MEMBERS[4].id] } }),
  SetCustomFieldValue: (handoffId: string) => ({ value: handoffId }),
} as const;

/** `/v2/task/{task_id}` as a JSON pointer segment, URI-encoded the way the spec's own refs are. */
const pointer = (segment: string) => encodeURIComponent(segment.replace(/~/g, "~0").replace(/\//g, "~1"));

/**
 * The spec's known inaccuracies, corrected on a copy so the check measures the stand-in
 * against what ClickUp returns, not against slips in the description:
 * 1. `profilePicture` and `avatar` are null for people and workspaces without a picture; the
 *    spec says so itself for a task's creator and assignees but types User, a list's owner and
 *    a space's avatar as plain strings.
 * 2. CreateTask, UpdateTask and GetTasks type `assignees`, `watchers`, `tags`, `dependencies`,
 *    `checklists` and `linked_tasks` as arrays of strings (copied from examples with empty
 *    arrays); every endpoint returns the same task objects, so GetTask's item schemas are used.
 */
function correct(spec: Spec): Spec {
  const doc = structuredClone(spec);
  const walk = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(walk);
    const schema = node as Json;
    if (schema.properties && typeof schema.properties === "object") {
      for (const name of ["profilePicture", "avatar"]) {
        if (schema.properties[name]?.type === "string") schema.properties[name] = { ...schema.properties[name], type: ["string", "null"] };
      }
    }
    Object.values(schema).forEach(walk);
  };
  walk(doc.paths);

  const responseSchema = (method: string, route: string) => doc.paths[route][method].responses["200"].content["application/json"].schema as Json;
  const getTask = responseSchema("get", "/v2/task/{task_id}").properties;
  const taskSchemas = [responseSchema("post", "/v2/list/{list_id}/task"), responseSchema("put", "/v2/task/{task_id}"), responseSchema("get", "/v2/list/{list_id}/task").properties.tasks.items];
  for (const task of taskSchemas) {
    for (const name of ["assignees", "group_assignees", "watchers", "tags", "dependencies", "checklists", "linked_tasks"]) {
      if (task.properties[name]?.items?.type === "string") task.properties[name] = getTask[name];
    }
  }
  return doc;
}

if (existsSync(specFile)) {
  describe("ClickUp sandbox against clickup-api-v2-reference.json", () => {
    const TOKEN = "pk_81000001_CONTRACTTOKEN";
    const spec = JSON.parse(readFileSync(specFile, "utf8")) as Spec;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(correct(spec) as AnySchema, SPEC_ID);
    let sandbox: ClickUpSandbox;

    const operation = (name: OperationName): Json => {
      const [method, route] = OPERATIONS[name];
      const op = spec.paths[route]?.[method];
      if (!op) throw new Error(`The spec has no ${method.toUpperCase()} ${route}`);
      expect(op.operationId).toBe(name);
      return op;
    };

    const compiled = new Map<string, ValidateFunction>();
    /** A validator for an operation's JSON request body or 200 response, pointing into the registered spec. */
    function validator(name: OperationName, part: "request" | "response") {
      const [method, route] = OPERATIONS[name];
      const location = part === "request" ? "requestBody/content/application~1json/schema" : "responses/200/content/application~1json/schema";
      const ref = `${SPEC_ID}#/paths/${pointer(route)}/${method}/${location}`;
      let validate = compiled.get(ref);
      if (!validate) {
        validate = ajv.compile({ $ref: ref });
        compiled.set(ref, validate);
      }
      const check = validate;
      return {
        isValid: (body: unknown) => check(body) as boolean,
        assert: (body: unknown) => {
          const valid = check(body);
          expect(valid, `${name} ${part}: ${ajv.errorsText(check.errors, { separator: "\n" })}\n${JSON.stringify(body)}`).toBe(true);
        },
      };
    }

    async function call(method: string, route: string, body?: unknown) {
      const response = await fetch(`${sandbox.url}/api/v2/${route}`, {
        method,
        headers: { Authorization: TOKEN, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(response.status, `${method} ${route}`).toBe(200);
      return (await response.json()) as Json;
    }

    /** Sends a body after checking it against the operation's request schema; returns the answer. */
    async function send(name: OperationName, route: string, body: unknown) {
      validator(name, "request").assert(body);
      return call(OPERATIONS[name][0].toUpperCase(), route, body);
    }

    beforeAll(async () => {
      sandbox = await startClickUpSandbox({ token: TOKEN, rateLimit: false });
    });
    afterAll(async () => {
      await sandbox?.stop();
    });

    it("declares the server, auth header and every operation the stand-in serves", () => {
      expect(spec.servers[0].url).toBe("https://api.clickup.com/api");
      expect(Object.values(spec.components.securitySchemes)).toContainEqual(expect.objectContaining({ type: "apiKey", in: "header", name: "Authorization" }));
      for (const name of Object.keys(OPERATIONS) as OperationName[]) operation(name);
      // GetTasks pages with `page` and filters with `custom_fields`, as the stand-in reads them.
      const params = (operation("GetTasks").parameters as Json[]).map((p) => `${p.in}:${p.name}`);
      expect(params).toEqual(expect.arrayContaining(["query:page", "query:include_closed", "query:custom_fields", "query:subtasks", "query:reverse"]));
      expect((operation("DeleteDependency").parameters as Json[]).map((p) => p.name)).toEqual(expect.arrayContaining(["depends_on", "dependency_of"]));
    });

    it("has request validators with teeth", () => {
      const createTask = validator("CreateTask", "request");
      expect(createTask.isValid(REQUESTS.CreateTask("h_1"))).toBe(true);
      const { name: _name, ...nameless } = REQUESTS.CreateTask("h_1");
      expect(createTask.isValid(nameless)).toBe(false);
      expect(createTask.isValid({ ...REQUESTS.CreateTask("h_1"), assignees: MEMBERS.slice(0, 2).map((m) => String(m.id)) })).toBe(false);
      expect(createTask.isValid({ ...REQUESTS.CreateTask("h_1"), due_date: "2030-06-01" })).toBe(false);
      expect(validator("CreateFolder", "request").isValid({})).toBe(false);
      expect(validator("UpdateTask", "request").isValid({ assignees: [MEMBERS[5].id] })).toBe(false);
      expect(validator("AddDependency", "request").isValid({ depends_on: 42 })).toBe(false);
      // And response validators: a task's id must be a string.
      expect(validator("GetTask", "response").isValid({ id: 42 })).toBe(false);
    });

    it("answers the user, workspace, space and list endpoints per their schemas", async () => {
      validator("GetAuthorizedUser", "response").assert(await call("GET", "user"));
      validator("GetAuthorizedTeams", "response").assert(await call("GET", "team"));
      validator("GetSpaces", "response").assert(await call("GET", `team/${TEAM.id}/space`));
      validator("GetSpace", "response").assert(await call("GET", `space/${SPACE.id}`));

      const folder = await send("CreateFolder", `space/${SPACE.id}/folder`, REQUESTS.CreateFolder());
      validator("CreateFolder", "response").assert(folder);
      const list = await send("CreateList", `folder/${folder.id}/list`, REQUESTS.CreateList());
      validator("CreateList", "response").assert(list);
      validator("CreateFolderlessList", "response").assert(await send("CreateFolderlessList", `space/${SPACE.id}/list`, REQUESTS.CreateList()));
      validator("GetAccessibleCustomFields", "response").assert(await call("GET", `list/${list.id}/field`));
      validator("GetListMembers", "response").assert(await call("GET", `list/${list.id}/member`));
    });

    it("answers task creation, lookup, update, custom fields and dependencies per their schemas", async () => {
      const folder = await call("POST", `space/${SPACE.id}/folder`, REQUESTS.CreateFolder());
      const list = await call("POST", `folder/${folder.id}/list`, REQUESTS.CreateList());

      const first = await send("CreateTask", `list/${list.id}/task`, REQUESTS.CreateTask("h_1"));
      validator("CreateTask", "response").assert(first);
      const second = await send("CreateTask", `list/${list.id}/task`, { name: "Minimal" });
      validator("CreateTask", "response").assert(second);

      const depends = { depends_on: first.id };
      validator("AddDependency", "response").assert(await send("AddDependency", `task/${second.id}/dependency`, depends));
      validator("AddDependency", "request").assert({ dependency_of: second.id });
      validator("SetCustomFieldValue", "response").assert(await send("SetCustomFieldValue", `task/${second.id}/field/${HANDOFF_ID_FIELD.id}`, REQUESTS.SetCustomFieldValue("h_2")));

      // Dependencies, custom field values and people all show on the task.
      const task = await call("GET", `task/${second.id}?include_markdown_description=true`);
      validator("GetTask", "response").assert(task);
      expect(task.dependencies).toHaveLength(1);
      validator("GetTask", "response").assert(await call("GET", `task/${first.id}`));
      validator("UpdateTask", "response").assert(await send("UpdateTask", `task/${first.id}`, REQUESTS.UpdateTask()));

      const filter = encodeURIComponent(JSON.stringify([{ field_id: HANDOFF_ID_FIELD.id, operator: "=", value: "h_2" }]));
      const found = await call("GET", `list/${list.id}/task?custom_fields=${filter}`);
      validator("GetTasks", "response").assert(found);
      expect(found.tasks.map((t: Json) => t.id)).toEqual([second.id]);
      validator("GetTasks", "response").assert(await call("GET", `list/${list.id}/task?page=0&include_closed=true&include_markdown_description=true`));
    });

    it("is sent what the app's ClickUp client sends, as the delivery-workspace sync sends it", async () => {
      const sent: { method: string; path: string; body: unknown }[] = [];
      const realFetch = globalThis.fetch;
      globalThis.fetch = (async (input: URL | RequestInfo, init?: RequestInit) => {
        const url = new URL(String(input));
        sent.push({ method: (init?.method ?? "GET").toLowerCase(), path: url.pathname.replace(/^\/api/, ""), body: init?.body ? JSON.parse(String(init.body)) : undefined });
        return realFetch(input, init);
      }) as typeof fetch;
      try {
        const client = new ClickUpClient(TOKEN, `${sandbox.url}/api`);
        const folder = await client.createFolder(SPACE.id, "HO-7 · Contract check");
        const list = await client.createList(folder.id, { name: "Delivery plan", markdown_content: "Built from template version 1." });
        const gate = await client.createTask(list.id, { name: "Gate: SSO metadata", markdown_content: "Client dependency.\n\nHO-7 · ref gate-1", assignees: [MEMBERS[2].id], due_date: Date.UTC(2027, 0, 4), due_date_time: false, notify_all: false, tags: ["handoff", "ho-7"], custom_fields: [{ id: HANDOFF_ID_FIELD.id, value: "HO-7" }] });
        const milestone = await client.createTask(list.id, { name: "Milestone: Go-live", markdown_content: "HO-7 · ref milestone-1" });
        await client.updateTask(milestone.id, { name: "Milestone: Go-live (EMEA)", due_date: Date.UTC(2027, 2, 1), assignees: { add: [MEMBERS[4].id], rem: [] } });
        await client.addDependency(milestone.id, gate.id);
        expect((await client.tasks(list.id)).map((t) => t.name).sort()).toEqual(["Gate: SSO metadata", "Milestone: Go-live (EMEA)"]);
      } finally {
        globalThis.fetch = realFetch;
      }
      const withBody = sent.filter((r) => r.body !== undefined);
      expect(withBody.map((r) => r.method)).toEqual(["post", "post", "post", "post", "put", "post"]);
      for (const request of withBody) {
        const name = (Object.keys(OPERATIONS) as OperationName[]).find(
          (n) => OPERATIONS[n][0] === request.method && new RegExp(`^${OPERATIONS[n][1].replace(/\{[^}]+\}/g, "[^/]+")}$`).test(request.path),
        );
        expect(name, `${request.method} ${request.path} is a described operation`).toBeDefined();
        validator(name!, "request").assert(request.body);
      }
    });
  });
} else {
  // The contract is the point of these tests: without the vendor's description they fail, never skip.
  it("finds the vendor's published API description", () => {
    expect.fail(`No API description at ${specFile}: point VENDOR_SPECS_DIR at the vendor-specs folder.`);
  });
}
