import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@hubspot/api-client";
import { FilterOperatorEnum } from "@hubspot/api-client/lib/codegen/crm/deals/index.js";
import { AssociationSpecAssociationCategoryEnum } from "@hubspot/api-client/lib/codegen/crm/objects/tasks/index.js";
import { afterEach, describe, expect, it } from "vitest";
import { verifyV3 } from "../../integrations/hubspot/signature.ts";
import { seedSandbox, startHubSpotSandbox, type HubSpotSandboxOptions, type WebhookEvent } from "./index.ts";

const TOKEN = "pat-na1-00000000-sandbox-test";
const SECRET = "sandbox-client-secret";
const HUBSPOT_DEFINED = AssociationSpecAssociationCategoryEnum.HubspotDefined;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function start(options: Partial<HubSpotSandboxOptions> = {}) {
  const sandbox = await startHubSpotSandbox({ accessToken: TOKEN, ...options });
  cleanups.push(() => sandbox.stop());
  return { sandbox, client: new Client({ accessToken: TOKEN, basePath: sandbox.url }) };
}

interface Failure {
  code?: number;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  constructor: { name: string };
}

async function failure(call: Promise<unknown>): Promise<Failure> {
  try {
    await call;
  } catch (error) {
    return error as Failure;
  }
  throw new Error("expected the call to fail");
}

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  events: WebhookEvent[];
}

/** A webhook receiver on a random loopback port; `answer` gives the status for the nth request (1-based). */
async function receiver(answer: (n: number) => number = () => 204) {
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url}`, headers: req.headers, body, events: JSON.parse(body) });
      res.statusCode = answer(requests.length);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  // Escaped characters in the query exercise the v3 URI decoding on both ends.
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/hubspot?return=%2Fhandoffs%3Fview%3Dall`;
  return { url, requests };
}

function verified(request: Received) {
  return verifyV3({
    clientSecret: SECRET,
    method: "POST",
    uri: request.url,
    body: request.body,
    signature: request.headers["x-hubspot-signature-v3"] as string | undefined,
    timestamp: request.headers["x-hubspot-request-timestamp"] as string | undefined,
  });
}

async function control(url: string, method: string, route: string, body?: unknown) {
  const response = await fetch(`${url}/__sandbox/${route}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("deals through the official SDK", () => {
  it("creates, reads and updates a deal in HubSpot's shapes", async () => {
    const { client } = await start();
    const created = await client.crm.deals.basicApi.create({
      properties: { dealname: "Acme rollout", amount: "12000", dealstage: "contractsent", pipeline: "default", scope_in: "CRM setup\nTraining" },
      associations: [],
    });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.properties).toMatchObject({ dealname: "Acme rollout", amount: "12000", hs_object_id: created.id });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.archived).toBe(false);

    const read = await client.crm.deals.basicApi.getById(created.id, ["dealname", "scope_in", "scope_out", "no_such_property"]);
    expect(read.properties).toEqual({
      dealname: "Acme rollout",
      scope_in: "CRM setup\nTraining",
      scope_out: null,
      createdate: created.properties.createdate,
      hs_lastmodifieddate: created.properties.hs_lastmodifieddate,
      hs_object_id: created.id,
    });
    const defaults = await client.crm.deals.basicApi.getById(created.id);
    expect(Object.keys(defaults.properties).sort()).toEqual(
      ["amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline"].sort(),
    );
    expect(defaults.properties.closedate).toBeNull();

    await new Promise((resolve) => setTimeout(resolve, 5));
    const updated = await client.crm.deals.basicApi.update(created.id, { properties: { dealstage: "closedwon", promised_kickoff_date: "2031-03-02" } });
    expect(updated.properties).toMatchObject({ dealstage: "closedwon", promised_kickoff_date: "2031-03-02", hs_is_closed_won: "true" });
    expect(Date.parse(updated.properties.hs_lastmodifieddate as string)).toBeGreaterThan(Date.parse(created.properties.hs_lastmodifieddate as string));
    expect(updated.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
  });

  it("rejects unknown properties and invalid values with HubSpot's VALIDATION_ERROR", async () => {
    const { client, sandbox } = await start();
    const deal = sandbox.store.createDeal({ dealname: "Validation" });
    const error = await failure(client.crm.deals.basicApi.update(deal.id, { properties: { favourite_colour: "blue", dealstage: "nearly_won" } }));
    expect(error.code).toBe(400);
    expect(error.body).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });
    const message = String(error.body?.message);
    expect(message.startsWith("Property values were not valid: ")).toBe(true);
    const issues = JSON.parse(message.slice("Property values were not valid: ".length)) as Array<{ name: string; error: string }>;
    expect(issues.map((i) => [i.name, i.error])).toEqual([
      ["favourite_colour", "PROPERTY_DOESNT_EXIST"],
      ["dealstage", "INVALID_OPTION"],
    ]);

    const invalid: Array<Record<string, string>> = [{ promised_kickoff_date: "next tuesday" }, { amount: "lots" }, { hubspot_owner_id: "123" }, { hs_object_id: "1" }];
    for (const properties of invalid) {
      expect((await failure(client.crm.deals.basicApi.update(deal.id, { properties }))).code).toBe(400);
    }
    expect(sandbox.store.getDeal(deal.id)?.properties.dealstage).toBeUndefined();
  });

  it("answers 404 in HubSpot's shape for an unknown deal", async () => {
    const { client } = await start();
    const error = await failure(client.crm.deals.basicApi.getById("987654321"));
    expect(error.constructor.name).toBe("ApiException");
    expect(error.code).toBe(404);
    expect(error.body).toMatchObject({
      status: "error",
      message: "Object not found. objectId are usually numeric.",
      category: "OBJECT_NOT_FOUND",
      context: { id: ["987654321"] },
    });
    expect(error.body?.correlationId).toEqual(expect.any(String));
  });

  it("answers 401 to a wrong or missing token", async () => {
    const { sandbox } = await start();
    const stranger = new Client({ accessToken: "pat-na1-wrong", basePath: sandbox.url });
    const error = await failure(stranger.crm.deals.basicApi.getPage());
    expect(error.constructor.name).toBe("ApiException");
    expect(error.code).toBe(401);
    expect(error.body).toMatchObject({ status: "error", category: "INVALID_AUTHENTICATION" });

    const anonymous = await fetch(`${sandbox.url}/crm/v3/objects/deals`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ status: "error", category: "INVALID_AUTHENTICATION", correlationId: expect.any(String) });
  });

  it("pages through deals with limit and after", async () => {
    const { client, sandbox } = await start();
    const ids = Array.from({ length: 25 }, (_, i) => sandbox.store.createDeal({ dealname: `Deal ${i}` }).id);

    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await client.crm.deals.basicApi.getPage(10, after, ["dealname"]);
      seen.push(...page.results.map((d) => d.id));
      after = page.paging?.next?.after;
      if (after) expect(page.paging?.next?.link).toContain(`after=${after}`);
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);

    const all = await client.crm.deals.getAll(undefined, undefined, ["dealname"]);
    expect(all.map((d) => d.id)).toEqual(ids);
    expect((await failure(client.crm.deals.basicApi.getPage(101))).code).toBe(400);
  });

  it("searches with filters, sorts, properties and paging", async () => {
    const { client, sandbox } = await start();
    const make = (dealname: string, amount: string, dealstage: string, extra: Record<string, string> = {}) =>
      sandbox.store.createDeal({ dealname, amount, dealstage, ...extra }).id;
    const small = make("Small won", "1000", "closedwon", { scope_out: "Hardware" });
    const big = make("Big won", "90000", "closedwon");
    const mid = make("Mid won", "25000", "closedwon", { scope_out: "Travel" });
    make("Open", "50000", "contractsent");
    make("Lost", "70000", "closedlost");

    const won = await client.crm.deals.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: "dealstage", operator: FilterOperatorEnum.Eq, value: "closedwon" }] }],
      sorts: [{ propertyName: "amount", direction: "DESCENDING" }] as unknown as string[],
      properties: ["dealname", "amount", "scope_out"],
      limit: 2,
    });
    expect(won.total).toBe(3);
    expect(won.results.map((d) => d.id)).toEqual([big, mid]);
    expect(won.results[0].properties).toMatchObject({ dealname: "Big won", scope_out: null, hs_object_id: big });
    expect(won.paging?.next?.after).toBe("2");
    const rest = await client.crm.deals.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: "dealstage", operator: FilterOperatorEnum.Eq, value: "closedwon" }] }],
      sorts: [{ propertyName: "amount", direction: "DESCENDING" }] as unknown as string[],
      limit: 2,
      after: won.paging?.next?.after,
    });
    expect(rest.results.map((d) => d.id)).toEqual([small]);
    expect(rest.paging).toBeUndefined();

    const search = (filters: Array<{ propertyName: string; operator: FilterOperatorEnum; value?: string; values?: string[] }>) =>
      client.crm.deals.searchApi.doSearch({ filterGroups: [{ filters }], limit: 50 }).then((r) => r.results.map((d) => d.id).sort());

    expect(await search([{ propertyName: "amount", operator: FilterOperatorEnum.Gte, value: "25000" }, { propertyName: "dealstage", operator: FilterOperatorEnum.Neq, value: "closedlost" }])).toHaveLength(3);
    expect(await search([{ propertyName: "amount", operator: FilterOperatorEnum.Lt, value: "25000" }])).toEqual([small]);
    expect(await search([{ propertyName: "dealstage", operator: FilterOperatorEnum.In, values: ["closedlost", "contractsent"] }])).toHaveLength(2);
    expect(await search([{ propertyName: "scope_out", operator: FilterOperatorEnum.HasProperty }])).toEqual([small, mid].sort());
    expect(await search([{ propertyName: "scope_out", operator: FilterOperatorEnum.NotHasProperty }])).toHaveLength(3);
    const cutoff = String(Date.now() - 60_000);
    expect(await search([{ propertyName: "hs_lastmodifieddate", operator: FilterOperatorEnum.Gt, value: cutoff }])).toHaveLength(5);

    const either = await client.crm.deals.searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: "dealname", operator: FilterOperatorEnum.Eq, value: "open" }] },
        { filters: [{ propertyName: "amount", operator: FilterOperatorEnum.Lte, value: "1000" }] },
      ],
    });
    expect(either.total).toBe(2);

    expect(await search([{ propertyName: "dealname", operator: FilterOperatorEnum.ContainsToken, value: "w*" }])).toEqual([small, big, mid].sort());
    expect((await client.crm.deals.searchApi.doSearch({ query: "big" })).results.map((d) => d.id)).toEqual([big]);

    expect((await failure(client.crm.deals.searchApi.doSearch({ limit: 201 }))).code).toBe(400);
  });
});

describe("properties, owners and associations", () => {
  it("lists standard and handoff deal properties and creates custom ones", async () => {
    const { client } = await start();
    const all = await client.crm.properties.coreApi.getAll("deals");
    const names = all.results.map((p) => p.name);
    for (const name of ["dealname", "amount", "closedate", "dealstage", "pipeline", "hubspot_owner_id", "hs_lastmodifieddate", "createdate", "hs_object_id", "deal_currency_code", "description"]) {
      expect(names).toContain(name);
    }
    for (const name of ["scope_in", "scope_out", "commercial_terms", "dependencies", "promised_kickoff_date", "milestones", "critical_risks", "handoff_status", "handoff_url"]) {
      expect(names).toContain(name);
    }
    const kickoff = await client.crm.properties.coreApi.getByName("deals", "promised_kickoff_date");
    expect(kickoff).toMatchObject({ type: "date", fieldType: "date", groupName: "handoff" });
    const stage = await client.crm.properties.coreApi.getByName("deals", "dealstage");
    expect(stage.options.map((o) => o.value)).toContain("closedwon");

    const created = await client.crm.properties.coreApi.create("deals", {
      name: "handoff_tier",
      label: "Handoff tier",
      type: "enumeration" as never,
      fieldType: "select" as never,
      groupName: "handoff",
      options: [
        { label: "Gold", value: "gold", hidden: false },
        { label: "Silver", value: "silver", hidden: false },
      ],
    });
    expect(created).toMatchObject({ name: "handoff_tier", type: "enumeration" });
    const conflict = await failure(client.crm.properties.coreApi.create("deals", { name: "handoff_tier", label: "Again", type: "string" as never, fieldType: "text" as never, groupName: "handoff" }));
    expect(conflict.code).toBe(409);
    expect((await failure(client.crm.properties.coreApi.getByName("deals", "no_such_property"))).code).toBe(404);

    const deal = await client.crm.deals.basicApi.create({ properties: { dealname: "Tiered", handoff_tier: "gold" }, associations: [] });
    expect(deal.properties.handoff_tier).toBe("gold");
  });

  it("lists owners with paging and reads one by id", async () => {
    const { client, sandbox } = await start();
    seedSandbox(sandbox.store);
    const first = await client.crm.owners.ownersApi.getPage(undefined, undefined, 2);
    expect(first.results).toHaveLength(2);
    const second = await client.crm.owners.ownersApi.getPage(undefined, first.paging?.next?.after, 2);
    const emails = [...first.results, ...second.results].map((o) => o.email).sort();
    expect(emails).toEqual(["pm@demo.local", "sales2@demo.local", "sales@demo.local"]);
    expect(second.paging).toBeUndefined();

    const sam = await client.crm.owners.ownersApi.getById(9000006);
    expect(sam).toMatchObject({ id: "9000006", email: "sales@demo.local", firstName: "Sam", lastName: "Carter", archived: false, type: "PERSON" });
    expect(sam.teams?.[0]).toMatchObject({ name: "Enterprise", primary: true });
    const byEmail = await client.crm.owners.ownersApi.getPage("sales2@demo.local");
    expect(byEmail.results.map((o) => o.lastName)).toEqual(["Patel"]);
    expect((await failure(client.crm.owners.ownersApi.getById(1))).code).toBe(404);
  });

  it("returns v4 associations, v3 associations on a deal, and the associated company and contact", async () => {
    const { client, sandbox } = await start();
    const { deals } = seedSandbox(sandbox.store);
    const dealId = deals[0].id;

    const companies = await client.crm.associations.v4.basicApi.getPage("deals", dealId, "companies");
    expect(companies.results).toHaveLength(1);
    expect(companies.results[0].associationTypes).toEqual([
      { category: "HUBSPOT_DEFINED", typeId: 5, label: "Primary" },
      { category: "HUBSPOT_DEFINED", typeId: 341, label: null },
    ]);
    const contacts = await client.crm.associations.v4.basicApi.getPage("deal", dealId, "contacts");
    expect(contacts.results[0].associationTypes).toEqual([{ category: "HUBSPOT_DEFINED", typeId: 3, label: null }]);

    const deal = await client.crm.deals.basicApi.getById(dealId, ["dealname"], undefined, ["companies", "contacts"]);
    expect(deal.associations?.companies.results.map((r) => r.type).sort()).toEqual(["deal_to_company", "deal_to_company_unlabeled"]);
    expect(deal.associations?.contacts.results).toEqual([{ id: contacts.results[0].toObjectId, type: "deal_to_contact" }]);

    const company = await client.crm.companies.basicApi.getById(companies.results[0].toObjectId, ["name", "domain", "industry"]);
    expect(company.properties.name).toBe("Aurora Biotech");
    const contact = await client.crm.contacts.basicApi.getById(contacts.results[0].toObjectId);
    expect(contact.properties).toMatchObject({ firstname: "Helena", lastname: "Brandt", email: expect.stringContaining("@aurorabiotech.example") });
    expect(contact.properties.lastmodifieddate).toEqual(expect.any(String));

    const lineItem = sandbox.store.createLineItem({ name: "Implementation", quantity: "1", price: "5000" });
    await client.crm.associations.v4.basicApi.createDefault("deals", dealId, "line_items", lineItem.id);
    const read = await client.crm.lineItems.basicApi.getById(lineItem.id, undefined, undefined, ["deals"]);
    expect(read.properties).toMatchObject({ name: "Implementation", price: "5000" });
    expect(read.associations?.deals.results).toEqual([{ id: dealId, type: "line_item_to_deal" }]);
  });

  it("creates a task and a note associated to a deal, readable back and in the store", async () => {
    const { client, sandbox } = await start();
    const deal = sandbox.store.createDeal({ dealname: "Write-back" });
    const task = await client.crm.objects.tasks.basicApi.create({
      properties: { hs_timestamp: "2031-01-15T09:00:00Z", hs_task_subject: "Fill in the missing scope", hs_task_status: "NOT_STARTED", hs_task_priority: "HIGH" },
      associations: [{ to: { id: deal.id }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 216 }] }],
    });
    expect(task.properties).toMatchObject({ hs_task_subject: "Fill in the missing scope", hs_timestamp: "2031-01-15T09:00:00.000Z", hs_object_id: task.id });
    expect(task.properties.hs_createdate).toEqual(expect.any(String));

    const read = await client.crm.objects.tasks.basicApi.getById(task.id, ["hs_task_subject", "hs_task_status"], undefined, ["deals"]);
    expect(read.properties.hs_task_status).toBe("NOT_STARTED");
    expect(read.associations?.deals.results).toEqual([{ id: deal.id, type: "task_to_deal" }]);
    expect(sandbox.store.tasks().map((t) => t.id)).toEqual([task.id]);
    expect(sandbox.store.associatedIds("tasks", task.id, "deals")).toEqual([deal.id]);
    expect(sandbox.store.associatedIds("deals", deal.id, "tasks")).toEqual([task.id]);

    const note = await client.crm.objects.notes.basicApi.create({
      properties: { hs_timestamp: String(Date.now()), hs_note_body: "Handoff created: https://handoff.example/h/1" },
      associations: [{ to: { id: deal.id }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 214 }] }],
    });
    expect(sandbox.store.notes().map((n) => n.properties.hs_note_body)).toEqual(["Handoff created: https://handoff.example/h/1"]);
    expect((await client.crm.objects.notes.basicApi.getById(note.id, ["hs_note_body"])).properties.hs_note_body).toContain("Handoff created");

    const missingTimestamp = await failure(client.crm.objects.tasks.basicApi.create({ properties: { hs_task_subject: "No due date" }, associations: [] }));
    expect(missingTimestamp.code).toBe(400);
    const badTarget = await failure(
      client.crm.objects.tasks.basicApi.create({
        properties: { hs_timestamp: "2031-01-15T09:00:00Z" },
        associations: [{ to: { id: "404404" }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 216 }] }],
      }),
    );
    expect(badTarget.code).toBe(400);
    expect(sandbox.store.tasks()).toHaveLength(1);
  });
});

describe("rate limits and faults", () => {
  it("answers 429 with Retry-After once the rolling window is used up, and reports the budget on every response", async () => {
    const { client, sandbox } = await start({ rateLimit: { max: 3, intervalMs: 10_000 } });
    const deal = sandbox.store.createDeal({ dealname: "Busy" });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const info = await client.crm.deals.basicApi.getByIdWithHttpInfo(deal.id);
      expect(info.headers["x-hubspot-ratelimit-max"]).toBe("3");
      expect(info.headers["x-hubspot-ratelimit-interval-milliseconds"]).toBe("10000");
      remaining.push(info.headers["x-hubspot-ratelimit-remaining"]);
    }
    expect(remaining).toEqual(["2", "1", "0"]);

    const limited = await failure(client.crm.deals.basicApi.getById(deal.id));
    expect(limited.code).toBe(429);
    expect(Number(limited.headers?.["retry-after"])).toBeGreaterThanOrEqual(9);
    expect(Number(limited.headers?.["retry-after"])).toBeLessThanOrEqual(10);
    expect(limited.headers?.["x-hubspot-ratelimit-remaining"]).toBe("0");
    expect(limited.body).toMatchObject({ status: "error", message: "You have reached your ten_secondly_rolling limit.", errorType: "RATE_LIMIT", policyName: "TEN_SECONDLY_ROLLING" });

    // The control API is never limited.
    expect((await control(sandbox.url, "GET", "deals")).status).toBe(200);
  });

  it("injects 500, 503 and 429 answers in HubSpot's error shape", async () => {
    const { client, sandbox } = await start({ faults: { rate: 1, kinds: ["500"] } });
    const deal = sandbox.store.createDeal({ dealname: "Flaky" });
    expect(await failure(client.crm.deals.basicApi.getById(deal.id))).toMatchObject({ code: 500, body: { status: "error", category: "INTERNAL_ERROR" } });
    sandbox.setFaults({ rate: 1, kinds: ["503"] });
    expect((await failure(client.crm.deals.basicApi.getById(deal.id))).code).toBe(503);
    sandbox.setFaults({ rate: 1, kinds: ["429"] });
    const limited = await failure(client.crm.deals.basicApi.getById(deal.id));
    expect(limited.code).toBe(429);
    expect(limited.headers?.["retry-after"]).toBe("1");

    // The control API never fails, and can turn faults off.
    expect((await control(sandbox.url, "GET", "deals")).status).toBe(200);
    expect((await control(sandbox.url, "POST", "faults", { rate: 0 })).body).toEqual({ faults: null });
    expect((await client.crm.deals.basicApi.getById(deal.id)).id).toBe(deal.id);
    await control(sandbox.url, "POST", "faults", { rate: 1, kinds: ["503"] });
    expect((await failure(client.crm.deals.basicApi.getById(deal.id))).code).toBe(503);
    sandbox.setFaults(null);
  });

  it("resets connections, loses a write's response after performing it, and hangs until released", async () => {
    const { client, sandbox } = await start({ faults: { rate: 1, kinds: ["reset"] } });
    const reset = await failure(client.crm.deals.basicApi.create({ properties: { dealname: "Never written" }, associations: [] }));
    expect(reset.code).toBeUndefined();
    expect(sandbox.store.listDeals()).toHaveLength(0);

    sandbox.setFaults({ rate: 1, kinds: ["lost_response"] });
    const lost = await failure(client.crm.deals.basicApi.create({ properties: { dealname: "Written anyway" }, associations: [] }));
    expect(lost.code).toBeUndefined();
    expect(sandbox.store.listDeals().map((d) => d.properties.dealname)).toEqual(["Written anyway"]);

    sandbox.setFaults({ rate: 1, kinds: ["timeout"], hangMs: 150 });
    const started = Date.now();
    const timedOut = await failure(client.crm.deals.basicApi.getPage());
    expect(timedOut.code).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);

    // A hang with the default (30 s) duration is released by stop().
    sandbox.setFaults({ rate: 1, kinds: ["timeout"] });
    const hanging = failure(client.crm.deals.basicApi.getPage());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopAt = Date.now();
    await sandbox.stop();
    expect((await hanging).code).toBeUndefined();
    expect(Date.now() - stopAt).toBeLessThan(2_000);
  });
});

describe("webhooks", () => {
  it("delivers signed deal.propertyChange events, batching changes made together", async () => {
    const hook = await receiver();
    const { client, sandbox } = await start({ webhook: { targetUrl: hook.url, clientSecret: SECRET, appId: 424242, batchWindowMs: 50 } });
    const deal = sandbox.store.withoutEvents(() => sandbox.store.createDeal({ dealname: "Signed", dealstage: "contractsent" }));

    await client.crm.deals.basicApi.update(deal.id, { properties: { dealstage: "closedwon", amount: "5000" } });
    await sandbox.webhooksSettled();

    expect(hook.requests).toHaveLength(1);
    const [request] = hook.requests;
    expect(request.headers["content-type"]).toBe("application/json");
    expect(Number(request.headers["x-hubspot-request-timestamp"])).toBeGreaterThan(Date.now() - 60_000);
    expect(verified(request)).toEqual({ ok: true });
    expect(verifyV3({ ...request, clientSecret: "wrong", method: "POST", uri: request.url, signature: String(request.headers["x-hubspot-signature-v3"]), timestamp: String(request.headers["x-hubspot-request-timestamp"]) })).toEqual({
      ok: false,
      reason: "bad_signature",
    });

    expect(request.events).toHaveLength(2);
    expect(request.events[0]).toEqual({
      eventId: expect.any(Number),
      subscriptionId: expect.any(Number),
      portalId: sandbox.store.portalId,
      appId: 424242,
      occurredAt: expect.any(Number),
      subscriptionType: "deal.propertyChange",
      attemptNumber: 0,
      objectId: Number(deal.id),
      propertyName: "dealstage",
      propertyValue: "closedwon",
      changeSource: "INTEGRATION",
      sourceId: "424242",
    });
    expect(request.events[1]).toMatchObject({ propertyName: "amount", propertyValue: "5000" });
    expect(new Set(request.events.map((e) => e.eventId)).size).toBe(2);
    expect(sandbox.store.deliveries.map((d) => [d.outcome, d.status, d.events.length])).toEqual([["delivered", 204, 2]]);
  });

  it("sends deal.creation, and a person's change through the control API as CRM_UI", async () => {
    const hook = await receiver();
    const { client, sandbox } = await start({ webhook: { targetUrl: hook.url, clientSecret: SECRET, batchWindowMs: 20 } });
    const created = await client.crm.deals.basicApi.create({ properties: { dealname: "Fresh" }, associations: [] });
    await sandbox.webhooksSettled();
    expect(hook.requests.flatMap((r) => r.events.map((e) => [e.subscriptionType, e.propertyName ?? null]))).toEqual([
      ["deal.creation", null],
      ["deal.propertyChange", "dealname"],
    ]);
    expect(hook.requests[0].events[0]).toMatchObject({ objectId: Number(created.id), changeFlag: "CREATED" });

    const patched = await control(sandbox.url, "PATCH", `deals/${created.id}`, { properties: { dealstage: "closedwon" } });
    expect(patched.status).toBe(200);
    await sandbox.webhooksSettled();
    const last = hook.requests[hook.requests.length - 1];
    expect(verified(last)).toEqual({ ok: true });
    expect(last.events).toEqual([expect.objectContaining({ propertyName: "dealstage", propertyValue: "closedwon", changeSource: "CRM_UI" })]);
  });

  it("puts at most 100 events in one request", async () => {
    const hook = await receiver();
    const { sandbox } = await start({ webhook: { targetUrl: hook.url, clientSecret: SECRET, batchWindowMs: 50 } });
    const deal = sandbox.store.withoutEvents(() => sandbox.store.createDeal({ dealname: "Busy deal" }));
    for (let i = 1; i <= 150; i++) sandbox.store.updateDeal(deal.id, { amount: String(i) });
    await sandbox.webhooksSettled();
    expect(hook.requests.map((r) => r.events.length)).toEqual([100, 50]);
    expect(hook.requests.every((r) => verified(r).ok)).toBe(true);
    expect(hook.requests[1].events[49].propertyValue).toBe("150");
  });

  it("retries a failed delivery with backoff, attemptNumber + 1 and a fresh signature", async () => {
    const hook = await receiver((n) => (n === 1 ? 500 : 200));
    const { sandbox } = await start({ webhook: { targetUrl: hook.url, clientSecret: SECRET, batchWindowMs: 10, retryDelayMs: 20 } });
    const deal = sandbox.store.withoutEvents(() => sandbox.store.createDeal({ dealname: "Retry me" }));
    sandbox.store.updateDeal(deal.id, { dealstage: "closedwon" });
    await sandbox.webhooksSettled();

    expect(hook.requests).toHaveLength(2);
    expect(hook.requests.map((r) => r.events[0].attemptNumber)).toEqual([0, 1]);
    expect(hook.requests[1].events[0].eventId).toBe(hook.requests[0].events[0].eventId);
    expect(hook.requests.every((r) => verified(r).ok)).toBe(true);
    expect(sandbox.store.deliveries.map((d) => [d.attemptNumber, d.outcome, d.status])).toEqual([
      [0, "failed", 500],
      [1, "delivered", 200],
    ]);
  });

  it("gives up after the last retry when the receiver is unreachable", async () => {
    const closed = await receiver();
    await cleanups.pop()?.(); // stop the receiver: its port now refuses connections
    const { sandbox } = await start({ webhook: { targetUrl: closed.url, clientSecret: SECRET, batchWindowMs: 5, retryDelayMs: 5, maxRetries: 2 } });
    const deal = sandbox.store.withoutEvents(() => sandbox.store.createDeal({ dealname: "Nobody home" }));
    sandbox.store.updateDeal(deal.id, { dealstage: "closedwon" });
    await sandbox.webhooksSettled();
    expect(sandbox.store.deliveries.map((d) => [d.attemptNumber, d.outcome, d.gaveUp ?? false])).toEqual([
      [0, "failed", false],
      [1, "failed", false],
      [2, "failed", true],
    ]);
    expect(sandbox.store.deliveries[0].error).toEqual(expect.any(String));
  });

  it("drops events silently while webhooks are dropped; the change is still readable for reconciliation", async () => {
    const hook = await receiver();
    const { client, sandbox } = await start({ webhook: { targetUrl: hook.url, clientSecret: SECRET, batchWindowMs: 10 } });
    const deal = sandbox.store.withoutEvents(() => sandbox.store.createDeal({ dealname: "Quiet", dealstage: "contractsent" }));

    sandbox.setWebhooksDropped(true);
    sandbox.store.updateDeal(deal.id, { dealstage: "closedwon" });
    await sandbox.webhooksSettled();
    expect(hook.requests).toHaveLength(0);
    expect(sandbox.store.deliveries.map((d) => d.outcome)).toEqual(["dropped"]);
    const won = await client.crm.deals.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: "dealstage", operator: FilterOperatorEnum.Eq, value: "closedwon" }] }],
    });
    expect(won.results.map((d) => d.id)).toEqual([deal.id]);

    expect((await control(sandbox.url, "POST", "webhooks/drop", { dropped: false })).body).toEqual({ dropped: false });
    sandbox.store.updateDeal(deal.id, { amount: "100" });
    await sandbox.webhooksSettled();
    expect(hook.requests.flatMap((r) => r.events.map((e) => e.propertyName))).toEqual(["amount"]);
    expect((await control(sandbox.url, "GET", "deliveries")).body.results).toHaveLength(2);
  });
});

describe("control API, seed and persistence", () => {
  it("creates and moves deals, and lists tasks, notes and owners", async () => {
    const { client, sandbox } = await start();
    seedSandbox(sandbox.store);
    const created = await control(sandbox.url, "POST", "deals", {
      properties: { dealname: "Panel deal", dealstage: "contractsent", amount: 1000 },
      associations: { companies: [sandbox.store.list("companies")[0].id] },
    });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    expect(created.body.url).toBe(`https://app.hubspot.com/contacts/${sandbox.store.portalId}/record/0-3/${id}`);
    expect((created.body.associations as Record<string, string[]>).companies).toHaveLength(1);

    expect((await control(sandbox.url, "PATCH", `deals/${id}`, { properties: { dealstage: "closedwon" } })).body.properties).toMatchObject({ dealstage: "closedwon" });
    expect((await client.crm.deals.basicApi.getById(id, ["dealstage"])).properties.dealstage).toBe("closedwon");
    expect((await control(sandbox.url, "PATCH", `deals/${id}`, { properties: { dealstage: "won-ish" } })).status).toBe(400);
    expect((await control(sandbox.url, "PATCH", "deals/1", { properties: {} })).status).toBe(404);
    expect((await control(sandbox.url, "GET", "deals")).body.results).toHaveLength(7);
    expect((await control(sandbox.url, "GET", "owners")).body.results).toHaveLength(3);

    await client.crm.objects.tasks.basicApi.create({
      properties: { hs_timestamp: "2031-01-01T00:00:00Z", hs_task_subject: "Review" },
      associations: [{ to: { id }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 216 }] }],
    });
    const tasks = (await control(sandbox.url, "GET", "tasks")).body.results as Array<{ associations: Record<string, string[]> }>;
    expect(tasks.map((t) => t.associations.deals)).toEqual([[id]]);
    expect((await control(sandbox.url, "GET", "notes")).body.results).toEqual([]);
  });

  it("seeds owners and six open deals once, each with a company and a contact", async () => {
    const { sandbox } = await start();
    const now = new Date("2030-06-01T12:00:00Z");
    const result = seedSandbox(sandbox.store, { now });
    expect(result.seeded).toBe(true);
    expect(seedSandbox(sandbox.store).seeded).toBe(false);
    expect(sandbox.store.owners().map((o) => o.email).sort()).toEqual(["pm@demo.local", "sales2@demo.local", "sales@demo.local"]);

    const deals = sandbox.store.listDeals();
    expect(deals).toHaveLength(6);
    const today = "2030-06-01";
    for (const deal of deals) {
      const p = deal.properties;
      expect(p.dealstage).toBe("contractsent");
      expect(sandbox.store.associatedIds("deals", deal.id, "companies")).toHaveLength(1);
      expect(sandbox.store.associatedIds("deals", deal.id, "contacts")).toHaveLength(1);
      expect(["9000006", "9000012"]).toContain(p.hubspot_owner_id);
      for (const line of p.milestones.split("\n")) expect(line).toMatch(/^\d{4}-\d{2}-\d{2} — [^—]+ — [^—]+$/);
      for (const line of p.critical_risks.split("\n")) expect(line.split(" | ")).toHaveLength(5);
    }
    const scenario = (s: string) => result.deals.filter((d) => d.scenario === s).map((d) => sandbox.store.getDeal(d.id)!.properties);
    for (const p of scenario("complete")) {
      for (const field of ["scope_in", "scope_out", "commercial_terms", "dependencies", "promised_kickoff_date", "milestones", "critical_risks"]) expect(p[field]).toBeTruthy();
      expect(p.promised_kickoff_date > today).toBe(true);
      expect(p.critical_risks.split("\n").every((line) => line.split(" | ")[3].trim() !== "")).toBe(true);
    }
    expect(scenario("complete")).toHaveLength(3);
    expect(scenario("missing_scope_out")[0].scope_out).toBeUndefined();
    expect(scenario("kickoff_in_past")[0].promised_kickoff_date < today).toBe(true);
    expect(scenario("risk_without_owner")[0].critical_risks.split("\n").some((line) => line.split(" | ")[3].trim() === "")).toBe(true);
  });

  it("keeps data across a restart when dataFile is set", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hubspot-sandbox-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dataFile = path.join(dir, "nested", "hubspot.json");

    const first = await startHubSpotSandbox({ accessToken: TOKEN, dataFile });
    seedSandbox(first.store);
    const client = new Client({ accessToken: TOKEN, basePath: first.url });
    const created = await client.crm.deals.basicApi.create({ properties: { dealname: "Survivor", promised_kickoff_date: "2031-02-03" }, associations: [] });
    await client.crm.properties.coreApi.create("deals", { name: "survivor_flag", label: "Flag", type: "string" as never, fieldType: "text" as never, groupName: "handoff" });
    await first.stop();
    const saved = JSON.parse(readFileSync(dataFile, "utf8")) as { objects: { deals: unknown[] } };
    expect(saved.objects.deals).toHaveLength(7);

    const second = await startHubSpotSandbox({ accessToken: TOKEN, dataFile });
    cleanups.push(() => second.stop());
    const again = new Client({ accessToken: TOKEN, basePath: second.url });
    expect((await again.crm.deals.basicApi.getById(created.id, ["dealname", "promised_kickoff_date"])).properties).toMatchObject({
      dealname: "Survivor",
      promised_kickoff_date: "2031-02-03",
    });
    expect((await again.crm.owners.ownersApi.getPage()).results).toHaveLength(3);
    expect((await again.crm.properties.coreApi.getByName("deals", "survivor_flag")).label).toBe("Flag");
    expect(seedSandbox(second.store).seeded).toBe(false);
    const next = await again.crm.deals.basicApi.create({ properties: { dealname: "After restart" }, associations: [] });
    expect(Number(next.id)).toBeGreaterThan(Number(created.id));
  });
});
