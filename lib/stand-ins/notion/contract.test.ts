import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Client, LogLevel, type BlockObjectRequest } from "@notionhq/client";
import type { BriefContent } from "../../delivery/brief.ts";
import { briefBlocks, briefProperties, decisionBlock } from "../../delivery/effects/publish-brief.ts";
import Ajv, { type AnySchema, type ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BRIEFS_DATA_SOURCE_ID, NOTION_VERSION, startNotionSandbox, type NotionSandbox, type RecordedRequest } from "./index.ts";

/**
 * What the official SDK sends to the stand-in and what the stand-in answers, checked against
 * Notion's descriptions: request bodies against the JSON Schemas generated from the SDK's own
 * parameter types (derived/*.schema.json, draft-07), responses and the query body against
 * notion-openapi.json (Notion's simplified OpenAPI 3.1, "Data Source Edition"). The OpenAPI
 * file's block and page-children schemas are too narrow (only paragraph and bulleted_list_item;
 * children typed as strings), so blocks are judged by the derived schemas only.
 */

const specsDir = path.resolve(import.meta.dirname, "../../..", process.env.VENDOR_SPECS_DIR ?? "../shared/vendor-specs");
const notionDir = path.join(specsDir, "notion");
const openApiFile = path.join(notionDir, "notion-openapi.json");
const derivedDir = path.join(notionDir, "derived");

type Json = Record<string, unknown>;
interface Operation {
  parameters?: Array<{ $ref?: string; name?: string; in?: string }>;
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: Json & { parameters: Record<string, { name: string; schema: { default?: string } }> };
}

// The endpoints the stand-in implements, as the spec names them.
const IMPLEMENTED = [
  ["get", "/v1/users/me"],
  ["get", "/v1/users/{user_id}"],
  ["get", "/v1/users"],
  ["get", "/v1/databases/{database_id}"],
  ["get", "/v1/data_sources/{data_source_id}"],
  ["post", "/v1/data_sources/{data_source_id}/query"],
  ["post", "/v1/pages"],
  ["get", "/v1/pages/{page_id}"],
  ["patch", "/v1/pages/{page_id}"],
  ["get", "/v1/blocks/{block_id}/children"],
  ["patch", "/v1/blocks/{block_id}/children"],
  ["get", "/v1/blocks/{block_id}"],
  ["patch", "/v1/blocks/{block_id}"],
  ["delete", "/v1/blocks/{block_id}"],
] as const;

const text = (content: string) => [{ type: "text" as const, text: { content } }];

const CHILDREN: BlockObjectRequest[] = [
  { type: "heading_2", heading_2: { rich_text: text("Scope") } },
  { type: "bulleted_list_item", bulleted_list_item: { rich_text: text("Migrate data"), children: [{ type: "paragraph", paragraph: { rich_text: text("Nested") } }] } },
  { type: "to_do", to_do: { rich_text: text("Kickoff call"), checked: false } },
  { type: "paragraph", paragraph: { rich_text: [{ type: "text", text: { content: "Owner: Dana", link: { url: "https://example.com" } }, annotations: { bold: true } }] } },
  {
    type: "table",
    table: { table_width: 2, has_column_header: true, children: [{ type: "table_row", table_row: { cells: [text("Item"), text("Value")] } }, { type: "table_row", table_row: { cells: [text("Seats"), text("40")] } }] },
  },
];

if (existsSync(openApiFile) && existsSync(derivedDir)) {
  describe("Notion sandbox against notion-openapi.json and the SDK-derived schemas", () => {
    const TOKEN = "ntn_contract";
    const spec = JSON.parse(readFileSync(openApiFile, "utf8")) as OpenApi;
    const loadDerived = (name: string) => JSON.parse(readFileSync(path.join(derivedDir, `${name}.schema.json`), "utf8")) as AnySchema;

    // Derived schemas are draft-07; the OpenAPI 3.1 schemas are JSON Schema 2020-12.
    const draft07 = new Ajv({ strict: false, allErrors: true });
    addFormats(draft07);
    const openApiAjv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(openApiAjv);
    const createPage = draft07.compile(loadDerived("create-page"));
    const appendChildren = draft07.compile(loadDerived("append-block-children"));

    const operation = (verb: string, p: string): Operation => {
      const op = spec.paths[p]?.[verb];
      if (!op) throw new Error(`The spec has no ${verb.toUpperCase()} ${p}`);
      return op;
    };
    /** An OpenAPI schema with the spec's components in reach of its "#/components/..." refs. */
    const openApiSchema = (schema: Json | undefined) => {
      expect(schema, "the spec declares this schema").toBeDefined();
      return openApiAjv.compile({ ...schema, components: spec.components } as AnySchema);
    };
    const response = (verb: string, p: string, status: "200" | "400") => openApiSchema(operation(verb, p).responses[status]?.content?.["application/json"]?.schema);
    const requestBody = (verb: string, p: string) => openApiSchema(operation(verb, p).requestBody?.content["application/json"]?.schema);

    function expectValid(validate: ValidateFunction, value: unknown) {
      const valid = validate(value);
      expect(valid, `${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}\n${JSON.stringify(value).slice(0, 500)}`).toBe(true);
    }

    let sandbox: NotionSandbox;
    let notion: Client;
    const sent = (method: string, pathname: RegExp): RecordedRequest => {
      const found = sandbox.store.requests.findLast((r) => r.method === method && pathname.test(r.path));
      if (!found) throw new Error(`No ${method} ${pathname} was recorded`);
      return found;
    };

    beforeAll(async () => {
      sandbox = await startNotionSandbox({ token: TOKEN, rateLimit: false });
      notion = new Client({ auth: TOKEN, baseUrl: sandbox.url, retry: false, logLevel: LogLevel.ERROR });
    });
    afterAll(async () => {
      await sandbox?.stop();
    });

    it("declares every endpoint the stand-in implements, and the Notion-Version it answers", () => {
      for (const [verb, p] of IMPLEMENTED) expect(() => operation(verb, p)).not.toThrow();
      expect(spec.components.parameters.notionVersion).toMatchObject({ name: "Notion-Version", schema: { default: NOTION_VERSION } });
    });

    it("gets pages.create bodies the SDK-derived schema accepts, and answers per the spec", async () => {
      const page = await notion.pages.create({
        parent: { data_source_id: BRIEFS_DATA_SOURCE_ID },
        properties: {
          Name: { title: text("Acme brief") },
          "Handoff ID": { rich_text: text("h_1") },
          Status: { select: { name: "Draft" } },
          "Kickoff date": { date: { start: "2025-10-01" } },
          "Handoff link": { url: "http://localhost:3000/handoffs/h_1" },
        },
        children: CHILDREN,
      });
      const request = sent("POST", /^\/v1\/pages$/);
      // No path parameters: the body is the SDK's CreatePageParameters as they are.
      expectValid(createPage, request.body);
      expectValid(response("post", "/v1/pages", "200"), page);

      // The schema has teeth: a wrong rich_text type, a non-boolean `checked` and unknown keys fail.
      const body = request.body as { children: Json[] };
      expect(createPage({ ...body, children: [{ type: "paragraph", paragraph: { rich_text: [{ type: "txt", text: { content: "x" } }] } }] })).toBe(false);
      expect(createPage({ ...body, children: [{ type: "to_do", to_do: { rich_text: [], checked: "yes" } }] })).toBe(false);
      expect(createPage({ ...body, colour: "red" })).toBe(false);
    });

    it("accepts the implementation brief exactly as the app builds it", () => {
      const content: BriefContent = {
        title: "HO-7 · Acme — implementation brief",
        properties: { handoffRef: "HO-7", customer: "Acme", owner: "Priya Shah", status: "Approved", kickoffDate: "2027-01-04", handoffUrl: "https://handoffs.example.com/handoffs/h_7" },
        sections: [
          { heading: "In scope", style: "bullets", items: ["CPQ for EMEA"], empty: "" },
          { heading: "Assumptions", style: "bullets", items: [], empty: "No assumptions recorded." },
          { heading: "Commitments", style: "todo", items: ["Weekly status — due 2027-01-11"], empty: "" },
        ],
        decisions: [{ ref: "D-abcdefgh", line: "2026-11-20 — Phase by region: EMEA first · D-abcdefgh" }],
        revision: "0123456789ab",
      };
      const { callout } = briefBlocks(content);
      const children = [callout, { type: "divider", divider: {} }, decisionBlock(content.decisions[0].line)];
      expectValid(createPage, { parent: { data_source_id: BRIEFS_DATA_SOURCE_ID, type: "data_source_id" }, properties: briefProperties(content), children });
      expect(createPage({ parent: { data_source_id: BRIEFS_DATA_SOURCE_ID }, properties: { ...briefProperties(content), Status: { select: "Approved" } } })).toBe(false);
    });

    it("gets blocks.children.append bodies the SDK-derived schema accepts (with the path's block_id)", async () => {
      const page = await notion.pages.create({ parent: { data_source_id: BRIEFS_DATA_SOURCE_ID }, properties: { Name: { title: text("Append target") } } });
      const appended = await notion.blocks.children.append({ block_id: page.id, children: CHILDREN, position: { type: "end" } });
      const request = sent("PATCH", /^\/v1\/blocks\/[^/]+\/children$/);
      // The schema describes the SDK's AppendBlockChildrenParameters, which include the path
      // parameter `block_id` (required); the SDK moves it into the URL, so put it back.
      const blockId = request.path.split("/")[3];
      expect(appendChildren(request.body)).toBe(false);
      expectValid(appendChildren, { block_id: blockId, ...(request.body as Json) });
      expectValid(response("patch", "/v1/blocks/{block_id}/children", "200"), appended);

      // The simplified OpenAPI request schema knows only unannotated paragraphs and bullets: check those there too.
      const simple: BlockObjectRequest[] = [
        { type: "paragraph", paragraph: { rich_text: text("Plain paragraph") } },
        { type: "bulleted_list_item", bulleted_list_item: { rich_text: text("Plain bullet") } },
      ];
      await notion.blocks.children.append({ block_id: page.id, children: simple });
      const simpleBody = sent("PATCH", /^\/v1\/blocks\/[^/]+\/children$/).body;
      expectValid(requestBody("patch", "/v1/blocks/{block_id}/children"), simpleBody);
      expect(requestBody("patch", "/v1/blocks/{block_id}/children")(request.body)).toBe(false);

      const listed = await notion.blocks.children.list({ block_id: page.id, page_size: 3 });
      expectValid(response("get", "/v1/blocks/{block_id}/children", "200"), listed);
      expect(listed).toMatchObject({ object: "list", type: "block", has_more: true });
    });

    it("gets data source queries the spec's request schema accepts, and answers them per the spec", async () => {
      const result = await notion.dataSources.query({
        data_source_id: BRIEFS_DATA_SOURCE_ID,
        filter: { and: [{ property: "Handoff ID", rich_text: { equals: "h_1" } }, { property: "Name", title: { contains: "Acme" } }] },
        sorts: [{ property: "Name", direction: "ascending" }],
        page_size: 10,
      });
      expect(result.results).toHaveLength(1);
      const request = sent("POST", /\/query$/);
      const queryBody = requestBody("post", "/v1/data_sources/{data_source_id}/query");
      expectValid(queryBody, request.body);
      expect(queryBody({ ...(request.body as Json), page_size: "ten" })).toBe(false);
      expectValid(response("post", "/v1/data_sources/{data_source_id}/query", "200"), result);
    });

    it("answers users.me and errors per the spec", async () => {
      const me = await notion.users.me({});
      const meSchema = response("get", "/v1/users/me", "200");
      expectValid(meSchema, me);
      expect(meSchema({ ...me, bot: "not an object" })).toBe(false);

      const failed = await fetch(`${sandbox.url}/v1/pages`, {
        method: "POST",
        headers: { Authorization: `Bearer ${TOKEN}`, "Notion-Version": NOTION_VERSION, "Content-Type": "application/json" },
        body: JSON.stringify({ parent: { data_source_id: BRIEFS_DATA_SOURCE_ID }, properties: { Nope: { rich_text: [] } } }),
      });
      expect(failed.status).toBe(400);
      const error = (await failed.json()) as Json;
      const errorSchema = response("post", "/v1/pages", "400");
      expectValid(errorSchema, error);
      expect(error).toMatchObject({ object: "error", status: 400, code: "validation_error" });
      expect(errorSchema({ ...error, status: "400" })).toBe(false);
    });
  });
} else {
  // The contract is the point of these tests: without the vendor's description they fail, never skip.
  it("finds the vendor's published API description", () => {
    expect.fail(`No API description at ${notionDir}: point VENDOR_SPECS_DIR at the vendor-specs folder.`);
  });
}
