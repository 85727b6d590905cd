import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { APIErrorCode, APIResponseError, Client, collectPaginatedAPI, LogLevel, RequestTimeoutError, type BlockObjectRequest, type PageObjectResponse } from "@notionhq/client";
import { afterEach, describe, expect, it } from "vitest";
import type { BlockNode } from "./control.ts";
import { BOT_USER, BRIEFS_DATA_SOURCE_ID, BRIEFS_DATABASE_ID, FAULT_KINDS, startNotionSandbox, type FaultKind, type NotionSandboxOptions } from "./index.ts";

const TOKEN = "ntn_sandbox_test_token";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function start(options: Partial<NotionSandboxOptions> = {}) {
  const sandbox = await startNotionSandbox({ token: TOKEN, rateLimit: false, ...options });
  cleanups.push(() => sandbox.stop());
  return sandbox;
}

/** The official SDK pointed at the stand-in; failures are asserted, so its warnings are muted. */
const sdk = (url: string, auth = TOKEN, extra: { timeoutMs?: number } = {}) => new Client({ auth, baseUrl: url, retry: false, logLevel: LogLevel.ERROR, ...extra });

type Json = Record<string, unknown>;

/** For what the SDK hides: raw status, headers and body. */
async function raw(url: string, method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${pathname}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, "Notion-Version": "2025-09-03", ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}

/** The APIResponseError a call rejects with. */
async function apiError(call: Promise<unknown>): Promise<APIResponseError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(APIResponseError.isAPIResponseError(error), `expected an APIResponseError, got ${String(error)}`).toBe(true);
  return error as APIResponseError;
}

const text = (content: string) => [{ type: "text" as const, text: { content } }];

const BRIEF_CHILDREN: BlockObjectRequest[] = [
  { type: "heading_2", heading_2: { rich_text: text("Scope") } },
  { type: "bulleted_list_item", bulleted_list_item: { rich_text: text("Migrate data"), children: [{ type: "paragraph", paragraph: { rich_text: text("From the legacy CRM") } }] } },
  { type: "to_do", to_do: { rich_text: text("Kickoff call"), checked: true } },
  { paragraph: { rich_text: [{ text: { content: "Owner: ", link: null } }, { text: { content: "Dana", link: { url: "https://example.com/dana" } }, annotations: { bold: true } }] } },
  {
    type: "table",
    table: {
      table_width: 2,
      has_column_header: true,
      children: [{ table_row: { cells: [text("Item"), text("Value")] } }, { table_row: { cells: [text("Seats"), text("40")] } }],
    },
  },
  { type: "toggle", toggle: { rich_text: text("Details"), children: [{ type: "numbered_list_item", numbered_list_item: { rich_text: text("One") } }] } },
  { type: "callout", callout: { rich_text: text("Watch the SSO setup"), icon: { type: "emoji", emoji: "⚠️" } } },
  { type: "quote", quote: { rich_text: text("Go live by March") } },
  { type: "divider", divider: {} },
  { type: "heading_1", heading_1: { rich_text: text("H1") } },
  { type: "heading_3", heading_3: { rich_text: text("H3") } },
];

function briefProperties(handoffId: string, name = `Brief ${handoffId}`) {
  return {
    Name: { title: text(name) },
    "Handoff ID": { rich_text: text(handoffId) },
    Customer: { rich_text: text("Acme") },
    Owner: { rich_text: text("Dana Kim") },
    Status: { select: { name: "Draft" } },
    "Kickoff date": { date: { start: "2025-10-01" } },
    "Handoff link": { url: `http://localhost:3000/handoffs/${handoffId}` },
  };
}

/** The Status select's option names, as the data source reports them. */
async function statusOptions(notion: Client): Promise<string[]> {
  const ds = (await notion.dataSources.retrieve({ data_source_id: BRIEFS_DATA_SOURCE_ID })) as unknown as { properties: { Status: { select: { options: Array<{ name: string }> } } } };
  return ds.properties.Status.select.options.map((o) => o.name);
}

async function createBrief(notion: Client, handoffId: string, children: BlockObjectRequest[] = []) {
  return notion.pages.create({ parent: { data_source_id: BRIEFS_DATA_SOURCE_ID }, properties: briefProperties(handoffId), children });
}

describe("Notion sandbox: users, databases and errors", () => {
  it("answers users.me with the workspace bot and lists the demo's people", async () => {
    const sandbox = await start();
    const notion = sdk(sandbox.url);
    expect(await notion.users.me({})).toEqual({
      object: "user",
      id: BOT_USER.id,
      name: "Handoff Control Center",
      avatar_url: null,
      type: "bot",
      bot: { owner: { type: "workspace", workspace: true }, workspace_id: expect.any(String), workspace_limits: expect.any(Object), workspace_name: "Handoff Sandbox" },
    });
    const users = await collectPaginatedAPI(notion.users.list, { page_size: 4 });
    expect(users).toHaveLength(7);
    const emails = users.flatMap((u) => ("type" in u && u.type === "person" ? [u.person.email] : []));
    expect(emails).toEqual(["admin@demo.local", "leader@demo.local", "pm@demo.local", "revops@demo.local", "lead@demo.local", "sales@demo.local"]);
    expect(await notion.users.retrieve({ user_id: users[2].id.replaceAll("-", "") })).toMatchObject({ name: "Marco Rossi" });
  });

  it("answers auth, version, URL and id errors in Notion's shape", async () => {
    const sandbox = await start();
    const badToken = await apiError(sdk(sandbox.url, "ntn_wrong").users.me({}));
    expect(badToken).toMatchObject({ code: APIErrorCode.Unauthorized, status: 401, message: "API token is invalid." });
    expect(badToken.request_id).toEqual(expect.any(String));

    const noAuth = await fetch(`${sandbox.url}/v1/users/me`, { headers: { "Notion-Version": "2025-09-03" } });
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toEqual({ object: "error", status: 401, code: "unauthorized", message: "API token is invalid.", request_id: expect.any(String) });

    const noVersion = await fetch(`${sandbox.url}/v1/users/me`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({ code: "missing_version", message: "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`." });
    expect((await raw(sandbox.url, "GET", "/v1/users/me", undefined, { "Notion-Version": "2022-06-28" })).body).toMatchObject({ status: 400, code: "validation_error" });

    expect(await raw(sandbox.url, "GET", "/v1/nothing/here")).toMatchObject({ status: 400, body: { object: "error", code: "invalid_request_url", message: "Invalid request URL." } });
    expect((await raw(sandbox.url, "PUT", "/v1/pages", {})).body.code).toBe("invalid_request_url");
    expect((await raw(sandbox.url, "POST", "/v1/pages", [1, 2])).body).toMatchObject({ code: "validation_error", message: "body failed validation: body should be an object, instead was `[1,2]`." });
    const badJson = await fetch(`${sandbox.url}/v1/pages`, { method: "POST", headers: { Authorization: `Bearer ${TOKEN}`, "Notion-Version": "2025-09-03" }, body: "{not json" });
    expect(await badJson.json()).toMatchObject({ status: 400, code: "invalid_json", message: "Error parsing JSON body." });

    const notion = sdk(sandbox.url);
    const missing = await apiError(notion.pages.retrieve({ page_id: "0a0a0a0a0a0a4a0a8a0a0a0a0a0a0a0a" }));
    expect(missing).toMatchObject({
      code: APIErrorCode.ObjectNotFound,
      status: 404,
      message: "Could not find page with ID: 0a0a0a0a-0a0a-4a0a-8a0a-0a0a0a0a0a0a. Make sure the relevant pages and databases are shared with your integration.",
    });
    expect(await apiError(notion.blocks.retrieve({ block_id: "not-a-uuid" }))).toMatchObject({
      code: APIErrorCode.ValidationError,
      message: 'path failed validation: path.block_id should be a valid uuid, instead was `"not-a-uuid"`.',
    });
  });

  it("retrieves the briefs database (2025-09-03 shape) and its data source schema, ids with or without dashes", async () => {
    const sandbox = await start();
    const notion = sdk(sandbox.url);
    const db = await notion.databases.retrieve({ database_id: BRIEFS_DATABASE_ID.replaceAll("-", "") });
    expect(db).toMatchObject({ object: "database", id: BRIEFS_DATABASE_ID, data_sources: [{ id: BRIEFS_DATA_SOURCE_ID, name: "Implementation briefs" }] });
    const ds = await notion.dataSources.retrieve({ data_source_id: BRIEFS_DATA_SOURCE_ID });
    expect(ds).toMatchObject({ object: "data_source", id: BRIEFS_DATA_SOURCE_ID, parent: { type: "database_id", database_id: BRIEFS_DATABASE_ID } });
    const properties = (ds as { properties: Record<string, { type: string; select?: { options: Array<{ name: string }> } }> }).properties;
    expect(Object.fromEntries(Object.entries(properties).map(([name, p]) => [name, p.type]))).toEqual({
      Name: "title",
      "Handoff ID": "rich_text",
      Customer: "rich_text",
      Owner: "rich_text",
      Status: "select",
      "Kickoff date": "date",
      "Handoff link": "url",
    });
    expect(properties.Status.select?.options.map((o) => o.name)).toEqual(["Draft", "In review", "Approved", "Changed after approval"]);
  });
});

describe("Notion sandbox: pages and blocks", () => {
  it("creates a page with properties and children in the data source and reads it back", async () => {
    const sandbox = await start();
    const notion = sdk(sandbox.url);
    const page = await createBrief(notion, "h_42", BRIEF_CHILDREN);
    expect(page).toMatchObject({
      object: "page",
      parent: { type: "data_source_id", data_source_id: BRIEFS_DATA_SOURCE_ID, database_id: BRIEFS_DATABASE_ID },
      in_trash: false,
      archived: false,
      url: `https://www.notion.so/Brief-h-42-${page.id.replaceAll("-", "")}`,
      properties: {
        Name: { id: "title", type: "title", title: [{ type: "text", plain_text: "Brief h_42", href: null, annotations: { bold: false, color: "default" } }] },
        "Handoff ID": { type: "rich_text", rich_text: [{ plain_text: "h_42" }] },
        Status: { type: "select", select: { name: "Draft", color: "gray" } },
        "Kickoff date": { type: "date", date: { start: "2025-10-01", end: null, time_zone: null } },
        "Handoff link": { type: "url", url: "http://localhost:3000/handoffs/h_42" },
      },
    });
    expect(page.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await notion.pages.retrieve({ page_id: page.id.replaceAll("-", "") })).toEqual(page);

    const blocks = (await notion.blocks.children.list({ block_id: page.id })) as { results: Json[]; has_more: boolean; type: string };
    expect(blocks).toMatchObject({ object: "list", has_more: false, next_cursor: null, type: "block", block: {} });
    expect(blocks.results.map((b) => b.type)).toEqual(BRIEF_CHILDREN.map((b) => b.type ?? "paragraph"));
    const [, bullet, todo, paragraph, table, , callout] = blocks.results;
    expect(bullet).toMatchObject({ has_children: true, parent: { type: "page_id", page_id: page.id }, bulleted_list_item: { rich_text: [{ plain_text: "Migrate data" }], color: "default" } });
    expect(todo).toMatchObject({ to_do: { checked: true }, has_children: false });
    expect(paragraph).toMatchObject({ paragraph: { rich_text: [{ plain_text: "Owner: " }, { plain_text: "Dana", href: "https://example.com/dana", annotations: { bold: true } }] } });
    expect(table).toMatchObject({ has_children: true, table: { table_width: 2, has_column_header: true, has_row_header: false } });
    expect(callout).toMatchObject({ callout: { icon: { type: "emoji", emoji: "⚠️" } } });

    const nested = await notion.blocks.children.list({ block_id: bullet.id as string });
    expect(nested.results).toMatchObject([{ type: "paragraph", parent: { type: "block_id", block_id: bullet.id }, paragraph: { rich_text: [{ plain_text: "From the legacy CRM" }] } }]);
    const rows = await notion.blocks.children.list({ block_id: table.id as string });
    expect(rows.results.map((r) => (r as { table_row: { cells: Array<Array<{ plain_text: string }>> } }).table_row.cells.map((c) => c[0].plain_text))).toEqual([
      ["Item", "Value"],
      ["Seats", "40"],
    ]);

    // A database parent works too when the database has a single data source.
    const viaDatabase = await notion.pages.create({ parent: { database_id: BRIEFS_DATABASE_ID }, properties: { Name: { title: text("Via database") } } });
    expect(viaDatabase).toMatchObject({ parent: { data_source_id: BRIEFS_DATA_SOURCE_ID }, properties: { "Handoff ID": { rich_text: [] }, Status: { select: null }, "Kickoff date": { date: null } } });
  });

  it("validates properties and children the way Notion does", async () => {
    const sandbox = await start();
    const notion = sdk(sandbox.url);
    const create = (properties: Record<string, unknown>, children?: unknown[]) =>
      apiError(notion.pages.create({ parent: { data_source_id: BRIEFS_DATA_SOURCE_ID }, properties: properties as never, ...(children ? { children: children as BlockObjectRequest[] } : {}) }));
    const para = (content: string) => ({ type: "paragraph", paragraph: { rich_text: text(content) } });

    expect(await create({ ...briefProperties("h_1"), Nope: { rich_text: text("x") } })).toMatchObject({ code: "validation_error", status: 400, message: "Nope is not a property that exists." });
    expect((await create({ Customer: { select: { name: "Acme" } } })).message).toBe("Customer is expected to be rich_text.");
    expect((await create({ Customer: { rich_text: "Acme" } })).message).toBe('body failed validation: body.properties.Customer.rich_text should be an array, instead was `"Acme"`.');
    expect((await create({ "Kickoff date": { date: { start: "next week" } } })).message).toBe(
      'body failed validation: body.properties.Kickoff date.date.start should be a valid ISO 8601 date string, instead was `"next week"`.',
    );
    expect((await create({ Customer: { rich_text: text("x".repeat(2001)) } })).message).toBe(
      "body failed validation: body.properties.Customer.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.",
    );

    const tooMany = Array.from({ length: 101 }, (_, i) => para(`Line ${i}`));
    expect((await create(briefProperties("h_1"), tooMany)).message).toBe("body failed validation: body.children.length should be ≤ `100`, instead was `101`.");
    expect((await create(briefProperties("h_1"), [para("ok"), para("x".repeat(2001))])).message).toBe(
      "body failed validation: body.children[1].paragraph.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.",
    );
    const deep = { type: "toggle", toggle: { rich_text: text("1"), children: [{ type: "toggle", toggle: { rich_text: text("2"), children: [{ type: "toggle", toggle: { rich_text: text("3"), children: [para("4")] } }] } }] } };
    expect((await create(briefProperties("h_1"), [deep])).message).toMatch(/^body failed validation: body\.children\[0\]\.toggle\.children\[0\]\.toggle\.children\[0\]\.toggle\.children should be not present, instead was `\[/);
    expect((await create(briefProperties("h_1"), [{ type: "paragraph", paragraph: { rich_text: [{ type: "text", text: { content: 5 } }] } }])).message).toBe(
      "body failed validation: body.children[0].paragraph.rich_text[0].text.content should be a string, instead was `5`.",
    );
    expect((await create(briefProperties("h_1"), [{ type: "paragraph" }])).message).toBe("body failed validation: body.children[0].paragraph should be defined, instead was `undefined`.");
    expect((await create(briefProperties("h_1"), [{ type: "code", code: {} }])).message).toMatch(/^body failed validation: body\.children\[0\]\.type should be one of `"paragraph"`/);
    const narrowTable = { type: "table", table: { table_width: 2, children: [{ table_row: { cells: [text("only one")] } }] } };
    expect((await create(briefProperties("h_1"), [narrowTable])).message).toMatch(/body\.children\[0\]\.table\.children\[0\]\.table_row\.cells should have `2` cells/);
    expect((await create(briefProperties("h_1"), [{ table_row: { cells: [] } }])).message).toMatch(/a table_row can only be added to a table/);
    expect((await apiError(notion.pages.create({ parent: { data_source_id: BRIEFS_DATA_SOURCE_ID } } as never))).message).toBe(
      "body failed validation: body.properties should be defined, instead was `undefined`.",
    );
    expect(sandbox.store.pagesOf(BRIEFS_DATA_SOURCE_ID)).toHaveLength(0);

    // A new select option is added to the schema, as Notion does.
    await notion.pages.create({ parent: { data_source_id: BRIEFS_DATA_SOURCE_ID }, properties: { Status: { select: { name: "Blocked" } } } });
    expect(await statusOptions(notion)).toContain("Blocked");
  });

  it("finds a page again by its Handoff ID, with and/or filters, sorts and paging", async () => {
    let now = Date.parse("2025-10-01T10:00:00Z");
    const sandbox = await start({ clock: () => now });
    const notion = sdk(sandbox.url);
    const pages = [];
    for (const id of ["h_1", "h_2", "h_3", "h_4"]) {
      pages.push(await createBrief(notion, id));
      now += 60_000;
    }
    await notion.pages.update({ page_id: pages[1].id, properties: { Status: { select: { name: "Approved" } } } });
    await notion.pages.update({ page_id: pages[3].id, in_trash: true });

    const byHandoff = await notion.dataSources.query({ data_source_id: BRIEFS_DATA_SOURCE_ID, filter: { property: "Handoff ID", rich_text: { equals: "h_3" } } });
    expect(byHandoff).toMatchObject({ object: "list", type: "page_or_data_source", page_or_data_source: {}, has_more: false, next_cursor: null });
    expect(byHandoff.results.map((r) => r.id)).toEqual([pages[2].id]);
    expect((await notion.dataSources.query({ data_source_id: BRIEFS_DATA_SOURCE_ID, filter: { property: "Handoff ID", rich_text: { equals: "h_4" } } })).results).toEqual([]);
    const inTrash = await notion.dataSources.query({ data_source_id: BRIEFS_DATA_SOURCE_ID, in_trash: true });
    expect(inTrash.results.map((r) => r.id)).toEqual([pages[3].id]);

    const titled = await notion.dataSources.query({
      data_source_id: BRIEFS_DATA_SOURCE_ID,
      filter: { and: [{ property: "Name", title: { contains: "brief" } }, { or: [{ property: "Status", select: { equals: "Approved" } }, { property: "Handoff ID", rich_text: { equals: "h_1" } }] }] },
      sorts: [{ timestamp: "created_time", direction: "ascending" }],
    });
    expect(titled.results.map((r) => r.id)).toEqual([pages[0].id, pages[1].id]);

    // Default order is newest first; page through two at a time.
    const first = await notion.dataSources.query({ data_source_id: BRIEFS_DATA_SOURCE_ID, page_size: 2 });
    expect(first.results.map((r) => r.id)).toEqual([pages[2].id, pages[1].id]);
    expect(first).toMatchObject({ has_more: true, next_cursor: pages[0].id });
    const second = await notion.dataSources.query({ data_source_id: BRIEFS_DATA_SOURCE_ID, page_size: 2, start_cursor: first.next_cursor! });
    expect(second).toMatchObject({ has_more: false, next_cursor: null });
    expect(second.results.map((r) => r.id)).toEqual([pages[0].id]);

    const bySort = await notion.dataSources.query({ data_source_id: BRIEFS_DATA_SOURCE_ID, sorts: [{ property: "Handoff ID", direction: "descending" }] });
    expect(bySort.results.map((r) => r.id)).toEqual([pages[2].id, pages[1].id, pages[0].id]);

    expect((await apiError(notion.dataSources.query({ data_source_id: BRIEFS_DATA_SOURCE_ID, filter: { property: "Nope", rich_text: { equals: "x" } } }))).message).toBe(
      "Could not find property with name or id: Nope",
    );
    expect((await apiError(notion.dataSources.query({ data_source_id: BRIEFS_DATA_SOURCE_ID, page_size: 101 }))).message).toBe(
      "body failed validation: body.page_size should be ≤ `100`, instead was `101`.",
    );
    expect((await apiError(notion.dataSources.query({ data_source_id: BRIEFS_DATA_SOURCE_ID, filter: { property: "Handoff ID", rich_text: { equals: 5 as never } } }))).message).toBe(
      "body failed validation: body.filter.rich_text.equals should be a string, instead was `5`.",
    );
  });

  it("appends children in batches of at most 100 and pages them back 100 at a time", async () => {
    const sandbox = await start();
    const notion = sdk(sandbox.url);
    const page = await createBrief(notion, "h_9");
    const lines = Array.from({ length: 150 }, (_, i): BlockObjectRequest => ({ type: "paragraph", paragraph: { rich_text: text(`Line ${i + 1}`) } }));
    const tooMany = await apiError(notion.blocks.children.append({ block_id: page.id, children: [...lines.slice(0, 100), lines[0]] }));
    expect(tooMany.message).toBe("body failed validation: body.children.length should be ≤ `100`, instead was `101`.");

    const appended = await notion.blocks.children.append({ block_id: page.id, children: lines.slice(0, 100) });
    expect(appended).toMatchObject({ object: "list", type: "block", has_more: false });
    expect(appended.results).toHaveLength(100);
    await notion.blocks.children.append({ block_id: page.id.replaceAll("-", ""), children: lines.slice(100) });

    const first = await notion.blocks.children.list({ block_id: page.id });
    expect(first.results).toHaveLength(100);
    expect(first.has_more).toBe(true);
    const second = await notion.blocks.children.list({ block_id: page.id, start_cursor: first.next_cursor! });
    expect(second).toMatchObject({ has_more: false, next_cursor: null });
    expect(second.results).toHaveLength(50);
    // The cursor is the id of the next page's first block, as in Notion.
    expect(second.results[0].id).toBe(first.next_cursor);
    const all = await collectPaginatedAPI(notion.blocks.children.list, { block_id: page.id, page_size: 40 });
    expect(all.map((b) => (b as { paragraph: { rich_text: Array<{ plain_text: string }> } }).paragraph.rich_text[0].plain_text)).toEqual(lines.map((_, i) => `Line ${i + 1}`));

    expect(await apiError(notion.blocks.children.list({ block_id: page.id, page_size: 101 }))).toMatchObject({
      message: "query failed validation: query.page_size should be ≤ `100`, instead was `101`.",
    });
    expect((await apiError(notion.blocks.children.list({ block_id: page.id, start_cursor: "bogus" }))).code).toBe("validation_error");

    // Insert after a given block (deprecated `after`) and at the start (2025-09 `position`).
    await notion.blocks.children.append({ block_id: page.id, children: [{ paragraph: { rich_text: text("After line 1") } }], after: all[0].id });
    await notion.blocks.children.append({ block_id: page.id, children: [{ paragraph: { rich_text: text("First") } }], position: { type: "start" } });
    const head = await notion.blocks.children.list({ block_id: page.id, page_size: 3 });
    expect(head.results.map((b) => (b as { paragraph: { rich_text: Array<{ plain_text: string }> } }).paragraph.rich_text[0].plain_text)).toEqual(["First", "Line 1", "After line 1"]);

    const divider = await notion.blocks.children.append({ block_id: page.id, children: [{ divider: {} }] });
    expect((await apiError(notion.blocks.children.append({ block_id: divider.results[0].id, children: lines.slice(0, 1) }))).message).toBe("Block type divider does not support children.");
  });

  it("updates a block's content, trashes blocks with DELETE and refuses to edit trashed ones", async () => {
    const sandbox = await start();
    const notion = sdk(sandbox.url);
    const page = await createBrief(notion, "h_7", BRIEF_CHILDREN);
    const [heading, , todo] = (await notion.blocks.children.list({ block_id: page.id })).results;

    const updated = await notion.blocks.update({ block_id: heading.id, heading_2: { rich_text: text("Scope (updated)") } });
    expect(updated).toMatchObject({ id: heading.id, type: "heading_2", heading_2: { rich_text: [{ plain_text: "Scope (updated)" }], is_toggleable: false, color: "default" } });
    expect(await notion.blocks.update({ block_id: todo.id, to_do: { checked: false } })).toMatchObject({ to_do: { checked: false, rich_text: [{ plain_text: "Kickoff call" }] } });
    expect((await apiError(notion.blocks.update({ block_id: heading.id, paragraph: { rich_text: text("x") } }))).message).toMatch(/^body failed validation: body\.paragraph should be not present/);
    expect((await apiError(notion.blocks.update({ block_id: todo.id, to_do: { rich_text: text("x".repeat(2001)) } }))).message).toBe(
      "body failed validation: body.to_do.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.",
    );

    const deleted = await notion.blocks.delete({ block_id: todo.id });
    expect(deleted).toMatchObject({ id: todo.id, in_trash: true, archived: true });
    expect(await notion.blocks.retrieve({ block_id: todo.id })).toMatchObject({ in_trash: true });
    expect((await notion.blocks.children.list({ block_id: page.id })).results.map((b) => b.id)).not.toContain(todo.id);
    expect(await apiError(notion.blocks.update({ block_id: todo.id, to_do: { checked: true } }))).toMatchObject({
      code: "validation_error",
      message: "Can't edit block that is archived. You must unarchive the block before editing.",
    });
    expect(await notion.blocks.update({ block_id: todo.id, in_trash: false })).toMatchObject({ in_trash: false });

    // A page reads as a child_page block of its parent page.
    const child = await notion.pages.create({ parent: { page_id: page.id }, properties: { title: { title: text("Notes") } } });
    expect(await notion.blocks.retrieve({ block_id: child.id })).toMatchObject({ type: "child_page", child_page: { title: "Notes" } });
    const archived = await notion.pages.update({ page_id: page.id, archived: true });
    expect(archived).toMatchObject({ in_trash: true, archived: true });
    expect((await apiError(notion.pages.update({ page_id: page.id, properties: briefProperties("h_7") }))).message).toBe(
      "Can't edit page that is archived. You must unarchive the page before editing.",
    );
  });
});

describe("Notion sandbox: rate limits and faults", () => {
  it("rate-limits per token with 429 rate_limited and Retry-After, on an injectable clock", async () => {
    let now = 1_760_000_000_000;
    const sandbox = await start({ rateLimit: { requestsPerSecond: 3, burst: 3 }, clock: () => now });
    const notion = sdk(sandbox.url);
    for (let i = 0; i < 3; i++) await notion.users.me({});
    const limited = await apiError(notion.users.me({}));
    expect(limited).toMatchObject({ code: APIErrorCode.RateLimited, status: 429, message: "You have been rate limited. Please try again in a few minutes." });
    expect(limited.headers instanceof Headers && limited.headers.get("retry-after")).toBe("1");
    expect(limited.additional_data).toEqual({ rate_limit_reason: "public_api_request_rate_limit" });
    // The control API is never limited.
    expect((await fetch(`${sandbox.url}/__sandbox`)).status).toBe(200);
    now += 1_000;
    for (let i = 0; i < 3; i++) await notion.users.me({});
    expect((await apiError(notion.users.me({}))).code).toBe(APIErrorCode.RateLimited);
  });

  const ERROR_CODES: Partial<Record<FaultKind, [number, APIErrorCode]>> = {
    "429": [429, APIErrorCode.RateLimited],
    "500": [500, APIErrorCode.InternalServerError],
    "503": [503, APIErrorCode.ServiceUnavailable],
    "529": [529, APIErrorCode.ServiceOverload],
  };

  it.each(FAULT_KINDS)("injects %s at rate 1, never on the control API", async (kind) => {
    const sandbox = await start({ faults: { rate: 1, kinds: [kind], hangMs: 10_000 } });
    const notion = sdk(sandbox.url, TOKEN, { timeoutMs: 300 });
    const attempt = createBrief(notion, "h_fault");
    const expected = ERROR_CODES[kind];
    if (expected) {
      const error = await apiError(attempt);
      expect([error.status, error.code]).toEqual(expected);
      if (kind === "429" || kind === "529") expect((error.headers as Headers).get("retry-after")).toBe("1");
      expect(sandbox.store.pagesOf(BRIEFS_DATA_SOURCE_ID)).toHaveLength(0);
    } else if (kind === "timeout") {
      await expect(attempt).rejects.toSatisfy((e) => RequestTimeoutError.isRequestTimeoutError(e));
      expect(sandbox.store.pagesOf(BRIEFS_DATA_SOURCE_ID)).toHaveLength(0);
    } else {
      const error = await attempt.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(APIResponseError.isAPIResponseError(error)).toBe(false);
      // A lost response means the page was created all the same.
      expect(sandbox.store.pagesOf(BRIEFS_DATA_SOURCE_ID)).toHaveLength(kind === "lost_response" ? 1 : 0);
    }
    expect((await fetch(`${sandbox.url}/__sandbox/pages`)).status).toBe(200);

    const off = await fetch(`${sandbox.url}/__sandbox/faults`, { method: "POST", body: JSON.stringify({ rate: 0 }) });
    expect(await off.json()).toEqual({ faults: null });
    expect(await notion.users.me({})).toMatchObject({ type: "bot" });
    sandbox.setFaults({ rate: 1, kinds: [kind] });
    expect(await (await fetch(`${sandbox.url}/__sandbox/faults`)).json()).toEqual({ faults: { rate: 1, kinds: [kind] } });
  });

  it("lets the SDK retry an injected 429 after Retry-After", async () => {
    const draws = [0.1, 0, 0.9];
    const sandbox = await start({ faults: { rate: 0.5, kinds: ["429"] }, random: () => draws.shift() ?? 0.9 });
    const notion = new Client({ auth: TOKEN, baseUrl: sandbox.url, retry: { maxRetries: 1 }, logLevel: LogLevel.ERROR });
    const page = await createBrief(notion, "h_retry");
    expect(sandbox.store.pagesOf(BRIEFS_DATA_SOURCE_ID).map((p) => p.id)).toEqual([page.id]);
    expect(sandbox.store.requests.filter((r) => r.path === "/v1/pages").map((r) => r.status)).toEqual([429, 200]);
  });

  it("stops promptly while a timeout fault holds a request open", async () => {
    const sandbox = await startNotionSandbox({ token: TOKEN, faults: { rate: 1, kinds: ["timeout"] } });
    const pending = fetch(`${sandbox.url}/v1/users/me`, { headers: { Authorization: `Bearer ${TOKEN}`, "Notion-Version": "2025-09-03" } }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const startedAt = Date.now();
    await sandbox.stop();
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe("Notion sandbox: persistence and control API", () => {
  it("persists pages and blocks across restarts and rejects a broken file clearly", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "notion-sandbox-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, "nested", "notion.json");

    const first = await startNotionSandbox({ token: TOKEN, rateLimit: false, persistPath: file });
    const page = await createBrief(sdk(first.url), "h_persist", BRIEF_CHILDREN);
    await sdk(first.url).pages.create({ parent: { data_source_id: BRIEFS_DATA_SOURCE_ID }, properties: { Status: { select: { name: "On hold" } } } });
    await first.stop();

    const second = await start({ persistPath: file });
    const notion = sdk(second.url);
    expect(await notion.pages.retrieve({ page_id: page.id })).toEqual(page);
    expect((await notion.blocks.children.list({ block_id: page.id })).results).toHaveLength(BRIEF_CHILDREN.length);
    expect(await statusOptions(notion)).toContain("On hold");
    await second.stop();

    writeFileSync(file, "{ not json");
    await expect(startNotionSandbox({ token: TOKEN, persistPath: file })).rejects.toThrow(/is not valid JSON .*move it aside/);
    writeFileSync(file, JSON.stringify({ version: 1, dataSources: [], pages: [{ id: "x" }], blocks: [] }));
    await expect(startNotionSandbox({ token: TOKEN, persistPath: file })).rejects.toThrow(/has an unexpected shape \(pages\.0\.parent/);
  });

  it("serves every brief with plain property values and its block tree", async () => {
    const sandbox = await start();
    const notion = sdk(sandbox.url);
    const page = await createBrief(notion, "h_panel", BRIEF_CHILDREN);

    const summary = (await (await fetch(`${sandbox.url}/__sandbox`)).json()) as Json;
    expect(summary).toMatchObject({ workspace: { name: "Handoff Sandbox" }, bot: { id: BOT_USER.id }, pages: 1, faults: null, rateLimit: false });

    const { pages } = (await (await fetch(`${sandbox.url}/__sandbox/pages`)).json()) as { pages: Array<{ id: string; url: string; properties: Json; blocks: BlockNode[] }> };
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({
      id: page.id,
      url: (page as PageObjectResponse).url,
      title: "Brief h_panel",
      inTrash: false,
      properties: {
        Name: "Brief h_panel",
        "Handoff ID": "h_panel",
        Customer: "Acme",
        Owner: "Dana Kim",
        Status: "Draft",
        "Kickoff date": "2025-10-01",
        "Handoff link": "http://localhost:3000/handoffs/h_panel",
      },
    });
    const blocks = pages[0].blocks;
    expect(blocks.map((b) => b.type)).toEqual(BRIEF_CHILDREN.map((b) => b.type ?? "paragraph"));
    expect(blocks[1]).toMatchObject({ type: "bulleted_list_item", text: "Migrate data", children: [{ type: "paragraph", text: "From the legacy CRM", children: [] }] });
    expect(blocks[2]).toMatchObject({ type: "to_do", text: "Kickoff call", checked: true });
    expect(blocks[3].text).toBe("Owner: Dana");
    expect(blocks[4].children.map((row) => row.cells)).toEqual([
      ["Item", "Value"],
      ["Seats", "40"],
    ]);

    const one = await fetch(`${sandbox.url}/__sandbox/pages/${page.id.replaceAll("-", "")}`);
    expect(((await one.json()) as { page: Json }).page).toMatchObject({ id: page.id, blocks: expect.any(Array) });
    expect((await fetch(`${sandbox.url}/__sandbox/pages/0a0a0a0a-0a0a-4a0a-8a0a-0a0a0a0a0a0a`)).status).toBe(404);

    const requests = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as { requests: Array<{ method: string; path: string; status: number }> };
    expect(requests.requests[0]).toMatchObject({ method: "POST", path: "/v1/pages", status: 200 });

    expect(await (await fetch(`${sandbox.url}/__sandbox/reset`, { method: "POST" })).json()).toEqual({ ok: true });
    expect(((await (await fetch(`${sandbox.url}/__sandbox/pages`)).json()) as { pages: unknown[] }).pages).toEqual([]);
    expect(await apiError(notion.pages.retrieve({ page_id: page.id }))).toMatchObject({ code: APIErrorCode.ObjectNotFound });
  });
});
