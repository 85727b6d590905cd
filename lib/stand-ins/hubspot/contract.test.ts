import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type AnySchema, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSandbox, startHubSpotSandbox, type HubSpotSandbox } from "./index.ts";

/**
 * The sandbox's raw answers checked against JSON Schemas derived from the official SDK's
 * models (shared/vendor-specs/hubspot/derived). Tests are only defined when that folder exists.
 */

const specsDir = path.resolve(import.meta.dirname, "../../..", process.env.VENDOR_SPECS_DIR ?? "../shared/vendor-specs", "hubspot", "derived");
const exists = existsSync(specsDir);

type Json = Record<string, unknown>;
type SchemaFile = "deals" | "owners" | "properties" | "associations_v4";

function loadSchema(file: SchemaFile): { definitions: Record<string, Json> } & Json {
  const schema = JSON.parse(readFileSync(path.join(specsDir, `${file}.schema.json`), "utf8")) as { definitions: Record<string, Json> } & Json;
  // The generated schemas forbid every field the SDK's TypeScript models do not declare, and a
  // few of those are fields HubSpot really sends. These are the only relaxations:
  // - every HubSpot error body carries status: "error";
  // - v4 associations without a label carry label: null (the model says `label?: string`).
  const error = schema.definitions.ModelError as { properties?: Json } | undefined;
  if (error?.properties) error.properties.status = { const: "error" };
  const label = schema.definitions.AssociationSpecWithLabel as { properties?: Json } | undefined;
  if (label?.properties) label.properties.label = { type: ["string", "null"] };
  return { ...schema, $id: file };
}

function compiler() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const files: SchemaFile[] = ["deals", "owners", "properties", "associations_v4"];
  const models = new Map<string, Json>();
  for (const file of files) {
    const schema = loadSchema(file);
    ajv.addSchema(schema as AnySchema);
    models.set(file, (schema.definitions.Models as { properties: Json }).properties);
  }
  /** A validator for one of the `Models` entries a schema file lists, e.g. deals/DealObject. */
  const model = (file: SchemaFile, name: string): ValidateFunction => {
    const entry = models.get(file)?.[name] as { $ref: string } | undefined;
    if (!entry) throw new Error(`${file}.schema.json has no model ${name}`);
    return ajv.compile({ $ref: `${file}${entry.$ref}` });
  };
  // The derived files have no search response model; it is the deal object and paging models combined.
  const searchPage = ajv.compile({
    type: "object",
    additionalProperties: false,
    required: ["total", "results"],
    properties: {
      total: { type: "integer", minimum: 0 },
      results: { type: "array", items: { $ref: "deals#/definitions/SimplePublicObject" } },
      paging: { $ref: "deals#/definitions/ForwardPaging" },
    },
  });
  return { model, searchPage, errorsText: (v: ValidateFunction) => ajv.errorsText(v.errors, { separator: "\n" }) };
}

if (exists) {
  describe("HubSpot sandbox answers match the SDK-derived JSON Schemas", () => {
    const TOKEN = "pat-na1-contract";
    let sandbox: HubSpotSandbox;
    let dealId: string;
    let schemas: ReturnType<typeof compiler>;

    beforeAll(async () => {
      schemas = compiler();
      sandbox = await startHubSpotSandbox({ accessToken: TOKEN });
      dealId = seedSandbox(sandbox.store).deals[0].id;
      for (let i = 0; i < 12; i++) sandbox.store.createDeal({ dealname: `Filler ${i}`, dealstage: "closedwon", amount: String(1000 * i) });
    });
    afterAll(async () => {
      await sandbox?.stop();
    });

    async function call(method: string, route: string, body?: unknown, token = TOKEN) {
      const response = await fetch(`${sandbox.url}${route}`, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as Json };
    }

    function expectValid(validate: ValidateFunction, value: unknown) {
      const ok = validate(value);
      expect(ok, ok ? "" : `${schemas.errorsText(validate)}\n${JSON.stringify(value, null, 2).slice(0, 2_000)}`).toBe(true);
    }

    it("GET deal is a DealObject, and a DealWithAssociations when associations are asked for", async () => {
      const plain = await call("GET", `/crm/v3/objects/deals/${dealId}?properties=dealname,scope_out,promised_kickoff_date`);
      expect(plain.status).toBe(200);
      expectValid(schemas.model("deals", "DealObject"), plain.json);
      const associated = await call("GET", `/crm/v3/objects/deals/${dealId}?associations=companies&associations=contacts`);
      expect(associated.json.associations).toBeDefined();
      expectValid(schemas.model("deals", "DealWithAssociations"), associated.json);
    });

    it("create and update answers are DealObjects", async () => {
      const created = await call("POST", "/crm/v3/objects/deals", { properties: { dealname: "Contract", amount: "10" } });
      expect(created.status).toBe(201);
      expectValid(schemas.model("deals", "DealObject"), created.json);
      const updated = await call("PATCH", `/crm/v3/objects/deals/${String(created.json.id)}`, { properties: { dealstage: "closedwon", scope_out: "" } });
      expect(updated.status).toBe(200);
      expectValid(schemas.model("deals", "DealObject"), updated.json);
    });

    it("a list page is a DealPage with paging", async () => {
      const page = await call("GET", "/crm/v3/objects/deals?limit=5&properties=dealname");
      expect(page.json.paging).toBeDefined();
      expectValid(schemas.model("deals", "DealPage"), page.json);
    });

    it("a search answer is results of DealObjects with a total and forward paging", async () => {
      const request = {
        filterGroups: [{ filters: [{ propertyName: "dealstage", operator: "EQ", value: "closedwon" }] }],
        sorts: [{ propertyName: "amount", direction: "DESCENDING" }],
        properties: ["dealname", "amount"],
        limit: 5,
      };
      // Our request is a valid SearchRequest except for the object-form sorts, which HubSpot accepts and the SDK types as strings.
      expectValid(schemas.model("deals", "SearchRequest"), { ...request, sorts: ["amount"] });
      const result = await call("POST", "/crm/v3/objects/deals/search", request);
      expect(result.json.paging).toBeDefined();
      expectValid(schemas.searchPage, result.json);
    });

    it("properties are a PropertyList and Property", async () => {
      const list = await call("GET", "/crm/v3/properties/deals");
      expectValid(schemas.model("properties", "PropertyList"), list.json);
      expectValid(schemas.model("properties", "Property"), (await call("GET", "/crm/v3/properties/deals/dealstage")).json);
      const input = { name: "contract_tier", label: "Tier", type: "enumeration", fieldType: "select", groupName: "handoff", options: [{ label: "A", value: "a", hidden: false }] };
      expectValid(schemas.model("properties", "PropertyCreate"), input);
      const created = await call("POST", "/crm/v3/properties/deals", input);
      expect(created.status).toBe(201);
      expectValid(schemas.model("properties", "Property"), created.json);
    });

    it("owners are an OwnerPage and Owner", async () => {
      const page = await call("GET", "/crm/v3/owners/?limit=2");
      expect(page.json.paging).toBeDefined();
      expectValid(schemas.model("owners", "OwnerPage"), page.json);
      expectValid(schemas.model("owners", "Owner"), (await call("GET", "/crm/v3/owners/9000006")).json);
    });

    it("v4 associations are an AssociationPage", async () => {
      const page = await call("GET", `/crm/v4/objects/deals/${dealId}/associations/companies`);
      expect((page.json.results as unknown[]).length).toBe(1);
      expectValid(schemas.model("associations_v4", "AssociationPage"), page.json);
    });

    it("401, 404, 400 and 409 answers are Errors", async () => {
      const error = schemas.model("deals", "Error");
      const unauthorized = await call("GET", `/crm/v3/objects/deals/${dealId}`, undefined, "wrong-token");
      expect(unauthorized.status).toBe(401);
      expectValid(error, unauthorized.json);
      const missing = await call("GET", "/crm/v3/objects/deals/1");
      expect(missing.status).toBe(404);
      expectValid(error, missing.json);
      const invalid = await call("PATCH", `/crm/v3/objects/deals/${dealId}`, { properties: { not_a_property: "x" } });
      expect(invalid.status).toBe(400);
      expectValid(error, invalid.json);
      const conflict = await call("POST", "/crm/v3/properties/deals", { name: "dealname", label: "Again", type: "string", fieldType: "text", groupName: "x" });
      expect(conflict.status).toBe(409);
      expectValid(schemas.model("properties", "Error"), conflict.json);
      expectValid(schemas.model("properties", "Error"), (await call("GET", "/crm/v3/properties/deals/nope")).json);
    });
  });
} else {
  // The contract is the point of these tests: without the vendor's description they fail, never skip.
  it("finds the vendor's published API description", () => {
    expect.fail(`No API description at ${specsDir}: point VENDOR_SPECS_DIR at the vendor-specs folder.`);
  });
}
