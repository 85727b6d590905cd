import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Runner } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "../db/client.ts";
import { signV3 } from "../integrations/hubspot/signature.ts";
import { startHubSpotSandbox, type HubSpotSandbox } from "../stand-ins/hubspot/index.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { createTeam, type Team } from "../test/fixtures.ts";
import { decideOverride, requestIntakeOverride } from "./overrides.ts";
import { transitionHandoff } from "../handoffs/transition.ts";
import { DEFAULT_INTAKE_POLICY } from "./policy.ts";
import { decideIntakePolicy, saveIntakePolicy } from "./policy-store.ts";
import { reconcileDeals } from "./reconcile.ts";
import { receiveHubSpotWebhook } from "./webhook.ts";

const TOKEN = `pat-test-${randomBytes(6).toString("hex")}`;
const SECRET = randomBytes(16).toString("hex");

let database: TestDatabase;
let sandbox: HubSpotSandbox;
let receiver: http.Server;
let webhookUrl: string;
let worker: Runner;
let team: Team;

/** The app's webhook endpoint, minus Next.js: the same function the route handler calls. */
function startReceiver(): Promise<string> {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      // As the route handler does: an unexpected failure is a 500, which HubSpot retries.
      const answer = await receiveHubSpotWebhook({
        method: req.method ?? "POST",
        uri: webhookUrl,
        rawBody: Buffer.concat(chunks).toString("utf8"),
        signature: (req.headers["x-hubspot-signature-v3"] as string | undefined) ?? null,
        timestamp: (req.headers["x-hubspot-request-timestamp"] as string | undefined) ?? null,
      }).catch((error: unknown) => ({ status: 500, body: { error: String(error) } }));
      res.writeHead(answer.status, { "Content-Type": "application/json" }).end(JSON.stringify(answer.body));
    });
  });
  return new Promise((resolve) => receiver.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/hubspot`)));
}

async function eventually<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const COMPLETE = {
  scope_in: "CPQ configuration\nQuote templates",
  scope_out: "Data migration",
  commercial_terms: "Fixed fee; 40% on signature, 60% on go-live; net 30.",
  dependencies: "Sandbox access — Client IT",
  promised_kickoff_date: "2099-01-10",
  milestones: "2099-01-10 — Kickoff — Marco Rossi\n2099-02-20 — Design sign-off — Dana Kim",
  critical_risks: "Data volume unknown | high | medium | Client IT | Sample extract in week 1",
};

/** A deal sitting in "contract sent", created without firing webhooks. */
function openDeal(name: string, properties: Record<string, string> = COMPLETE, amount = "80000"): string {
  return sandbox.store.withoutEvents(() => {
    const company = sandbox.store.createCompany({ name: `${name} Inc.` });
    return sandbox.store.createDeal(
      { dealname: name, amount, pipeline: "default", dealstage: "contractsent", closedate: new Date().toISOString(), ...properties },
      { associations: { companies: [company.id] } },
    ).id;
  });
}

const handoffFor = (dealId: string) =>
  database.prisma.handoff.findFirst({ where: { deal: { sourceId: dealId } }, include: { deal: true, stages: { include: { evidence: true } } } });

beforeAll(async () => {
  database = await createTestDatabase();
  setDb(database.prisma);
  webhookUrl = await startReceiver();
  sandbox = await startHubSpotSandbox({
    accessToken: TOKEN,
    webhook: { targetUrl: webhookUrl, clientSecret: SECRET, batchWindowMs: 20, retryDelayMs: 50 },
  });
  Object.assign(process.env, {
    HUBSPOT_ACCESS_TOKEN: TOKEN,
    HUBSPOT_CLIENT_SECRET: SECRET,
    HUBSPOT_API_BASE_URL: sandbox.url,
    APP_URL: "http://127.0.0.1:3999",
    DATABASE_URL: database.url,
  });
  team = await createTeam(database.prisma);
  const { startBackgroundWork } = await import("../worker/runtime.ts");
  worker = await startBackgroundWork(database.url, { pollInterval: 100, concurrency: 2 });
});

afterAll(async () => {
  await worker?.stop();
  await sandbox?.stop();
  await new Promise((r) => receiver?.close(r));
  await database?.drop();
});

describe("intake from HubSpot", () => {
  it("turns a complete closed-won deal into a handoff, with the snapshot as evidence and a write-back", async () => {
    const dealId = openDeal("Northwind CPQ");
    sandbox.store.updateDeal(dealId, { dealstage: "closedwon" });

    const handoff = await eventually(() => handoffFor(dealId), "the handoff");
    expect(handoff).toMatchObject({ status: "IN_PROGRESS", stage: "INTAKE", title: "Northwind CPQ", customerName: "Northwind CPQ Inc.", riskLevel: "HIGH" });
    expect(handoff.intakeIssues).toEqual([]);
    expect(handoff.stages[0].evidence.map((e) => e.requirementKey)).toEqual(["deal_snapshot"]);
    expect(await database.prisma.scopeItem.count({ where: { handoffId: handoff.id } })).toBe(3);
    const created = await database.prisma.auditEvent.findFirstOrThrow({ where: { handoffId: handoff.id, action: "handoff.created" } });
    expect(created.sourceUrl).toContain(dealId);
    expect(created.data).toMatchObject({ policyVersion: 0, snapshotVersion: 1, trigger: "webhook" });

    await eventually(async () => sandbox.store.getDeal(dealId)?.properties.handoff_status === "Accepted for delivery", "the write-back");
    expect(sandbox.store.getDeal(dealId)?.properties.handoff_url).toBe(`http://127.0.0.1:3999/handoffs/${handoff.id}`);
  });

  it("dates the handoff by when the deal entered closed-won, and records who owns each promise: one of ours or a client contact", async () => {
    const pm = await database.prisma.user.findUniqueOrThrow({ where: { id: team.pm.userId } });
    const dealId = sandbox.store.withoutEvents(() => {
      const company = sandbox.store.createCompany({ name: "Aurora Labs" });
      const contact = sandbox.store.createContact({ firstname: "Helena", lastname: "Brandt", email: "Helena.Brandt@aurora.example" }, { companyId: company.id });
      const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString();
      return sandbox.store.createDeal(
        {
          ...COMPLETE,
          dealname: "Aurora lab rollout",
          amount: "50000",
          pipeline: "default",
          dealstage: "contractsent",
          // Sales left a planned close date ten days out: it must not date the handoff.
          closedate: inTenDays,
          milestones: `2099-01-10 — Kickoff — ${pm.name}\n2099-02-20 — Design sign-off — Helena Brandt\n2099-03-20 — Go-live — Somebody Unknown`,
        },
        { associations: { companies: [company.id], contacts: [contact.id] } },
      ).id;
    });
    const movedAt = Date.now();
    sandbox.store.updateDeal(dealId, { dealstage: "closedwon" });

    const handoff = await eventually(() => handoffFor(dealId), "the handoff");
    expect(Math.abs(handoff.closedWonAt.getTime() - movedAt)).toBeLessThan(60_000);
    const milestones = await database.prisma.milestone.findMany({ where: { handoffId: handoff.id }, orderBy: { position: "asc" } });
    expect(milestones.map((m) => ({ name: m.name, ownerId: m.ownerId, client: m.clientOwnerName, email: m.clientOwnerEmail }))).toEqual([
      { name: "Kickoff", ownerId: pm.id, client: null, email: null },
      { name: "Design sign-off", ownerId: null, client: "Helena Brandt", email: "helena.brandt@aurora.example" },
      { name: "Go-live", ownerId: null, client: null, email: null },
    ]);
    const assigned = await database.prisma.auditEvent.findFirstOrThrow({ where: { handoffId: handoff.id, action: "handoff.assigned" } });
    expect(assigned.data).toMatchObject({ rule: "team", ruleVersion: 0 });
  });

  it("blocks a deal with missing or invalid fields, tells the owner once, and unblocks when it is fixed", async () => {
    const dealId = openDeal("Contoso portal", { ...COMPLETE, scope_out: "", critical_risks: "Sponsor change | high | medium |  | " });
    sandbox.store.updateDeal(dealId, { dealstage: "closedwon" });

    const blocked = await eventually(async () => {
      const h = await handoffFor(dealId);
      return h?.status === "INTAKE_BLOCKED" ? h : null;
    }, "the blocked handoff");
    expect(blocked.intakeIssues).toEqual([
      { field: "scope_out", label: "Out-of-scope items", problem: "Missing: One item per line." },
      { field: "critical_risks", label: "Critical risks", problem: "Risk “Sponsor change” has no owner." },
      { field: "critical_risks", label: "Critical risks", problem: "Risk “Sponsor change” has no mitigation." },
    ]);
    await expect(transitionHandoff(team.revops, blocked.id, { type: "SUBMIT_GATE", stage: "INTAKE" })).rejects.toMatchObject({ code: "CONFLICT" });

    const task = await eventually(async () => sandbox.store.tasks().find((t) => String(t.properties.hs_task_body).includes(blocked.id)), "the HubSpot task");
    expect(task.properties.hs_task_body).toContain("Out-of-scope items: Missing");
    expect(task.properties.hs_task_body).toContain("Risk “Sponsor change” has no owner.");
    await sandbox.webhooksSettled();
    await new Promise((r) => setTimeout(r, 500));
    expect(sandbox.store.tasks().filter((t) => String(t.properties.hs_task_body).includes(blocked.id))).toHaveLength(1);

    sandbox.store.updateDeal(dealId, { scope_out: "Data migration", critical_risks: "Sponsor change | high | medium | Priya Shah | Weekly steering call" });
    const fixed = await eventually(async () => {
      const h = await handoffFor(dealId);
      return h?.status === "IN_PROGRESS" ? h : null;
    }, "the unblocked handoff");
    expect(fixed.intakeIssues).toEqual([]);
    expect(await database.prisma.auditEvent.count({ where: { handoffId: fixed.id, action: "intake.unblocked" } })).toBe(1);
    expect(await database.prisma.dealSnapshot.count({ where: { deal: { sourceId: dealId } } })).toBe(2);
  });

  it("blocks a deal whose amount no real deal has (1e308) with a reason, instead of failing its capture", async () => {
    const dealId = openDeal("Overflow Ltd", COMPLETE, "1e308");
    sandbox.store.updateDeal(dealId, { dealstage: "closedwon" });
    const blocked = await eventually(async () => {
      const h = await handoffFor(dealId);
      return h?.status === "INTAKE_BLOCKED" ? h : null;
    }, "the blocked handoff");
    expect(blocked.intakeIssues).toEqual([{ field: "amount", label: "Deal amount", problem: "1e308 is not a plausible deal amount (at most 999,999,999,999.99)." }]);
    expect(blocked.amount).toBeNull();
    expect(blocked.deal.amount).toBeNull();
  });

  it("stores a batch of 100 events in one request and creates each handoff once, whatever the replays", async () => {
    const dealIds = Array.from({ length: 100 }, (_, i) => openDeal(`Batch deal ${i}`));
    sandbox.store.withoutEvents(() => dealIds.forEach((id) => sandbox.store.updateDeal(id, { dealstage: "closedwon" })));
    const events = dealIds.map((id, i) => ({
      eventId: 900_000 + i,
      subscriptionId: 1,
      portalId: 1,
      appId: 1,
      occurredAt: Date.now(),
      subscriptionType: "deal.propertyChange",
      attemptNumber: 0,
      objectId: Number(id),
      propertyName: "dealstage",
      propertyValue: "closedwon",
      changeSource: "CRM_UI",
    }));
    const deliver = async (batch: unknown[]) => {
      const body = JSON.stringify(batch);
      const timestamp = String(Date.now());
      const response = await fetch(webhookUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-HubSpot-Request-Timestamp": timestamp, "X-HubSpot-Signature-v3": signV3({ clientSecret: SECRET, method: "POST", uri: webhookUrl, body, timestamp }) },
        body,
      });
      return { status: response.status, body: await response.json() };
    };

    expect(await deliver(events)).toEqual({ status: 200, body: { accepted: 100, duplicates: 0 } });
    // HubSpot retries and replays; out of order too.
    expect(await deliver([...events].reverse().slice(0, 40))).toEqual({ status: 200, body: { accepted: 0, duplicates: 40 } });

    await eventually(async () => (await database.prisma.handoff.count({ where: { deal: { sourceId: { in: dealIds } } } })) === 100, "100 handoffs", 60_000);
    await eventually(
      async () => (await database.prisma.webhookEvent.count({ where: { eventId: { in: events.map((e) => String(e.eventId)) }, status: "PROCESSED" } })) === 100,
      "every event processed",
      60_000,
    );
    expect(await database.prisma.deal.count({ where: { sourceId: { in: dealIds } } })).toBe(100);
  }, 90_000);

  it("catches a closed-won deal whose webhook never arrived on the next reconciliation", async () => {
    sandbox.setWebhooksDropped(true);
    const dealId = openDeal("Fabrikam analytics");
    sandbox.store.updateDeal(dealId, { dealstage: "closedwon" });
    await new Promise((r) => setTimeout(r, 600));
    expect(await handoffFor(dealId)).toBeNull();
    sandbox.setWebhooksDropped(false);

    const result = await reconcileDeals({ actor: team.revops });
    expect(result.examined).toBeGreaterThanOrEqual(1);
    const handoff = await handoffFor(dealId);
    expect(handoff).toMatchObject({ status: "IN_PROGRESS" });
    // Captured by a sweep — this one, or the worker's own 10-minute sweep if its tick fell during this one.
    const created = await database.prisma.auditEvent.findFirstOrThrow({ where: { handoffId: handoff!.id, action: "handoff.created" } });
    expect(created.data).toMatchObject({ trigger: "reconciliation" });
    const again = await reconcileDeals({ actor: team.revops });
    expect(again.captured).toBe(0);
    await expect(reconcileDeals({ actor: team.viewer })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The sweeps re-read every deal changed in the window (the batch above too) within HubSpot's rate.
  }, 120_000);

  it("ignores deals that are not closed-won", async () => {
    const dealId = openDeal("Still negotiating");
    sandbox.store.updateDeal(dealId, { amount: "90000" });
    await sandbox.webhooksSettled();
    await new Promise((r) => setTimeout(r, 600));
    expect(await handoffFor(dealId)).toBeNull();
  });
});

describe("webhook verification", () => {
  const body = JSON.stringify([{ eventId: 1, subscriptionType: "deal.propertyChange", objectId: 1 }]);
  const receive = (overrides: Partial<Parameters<typeof receiveHubSpotWebhook>[0]>) => {
    const timestamp = String(Date.now());
    return receiveHubSpotWebhook({
      method: "POST",
      uri: webhookUrl,
      rawBody: body,
      timestamp,
      signature: signV3({ clientSecret: SECRET, method: "POST", uri: webhookUrl, body, timestamp }),
      ...overrides,
    });
  };

  it("refuses unsigned, tampered, stale and malformed deliveries, storing nothing", async () => {
    const before = await database.prisma.webhookEvent.count();
    expect(await receive({ signature: null })).toEqual({ status: 401, body: { error: "Missing X-HubSpot-Signature-v3 header." } });
    expect(await receive({ timestamp: null })).toMatchObject({ status: 401 });
    expect(await receive({ rawBody: body.replace('"objectId":1', '"objectId":2') })).toEqual({ status: 401, body: { error: "The signature does not match the body." } });
    expect(await receive({ uri: `${webhookUrl}?evil=1` })).toMatchObject({ status: 401 });
    const old = String(Date.now() - 6 * 60_000);
    expect(await receive({ timestamp: old, signature: signV3({ clientSecret: SECRET, method: "POST", uri: webhookUrl, body, timestamp: old }) })).toMatchObject({
      status: 401,
      body: { error: "The request timestamp is more than 5 minutes old or in the future." },
    });
    const junk = "{not json";
    const t = String(Date.now());
    expect(await receive({ rawBody: junk, timestamp: t, signature: signV3({ clientSecret: SECRET, method: "POST", uri: webhookUrl, body: junk, timestamp: t }) })).toEqual({
      status: 400,
      body: { error: "The body is not valid JSON." },
    });
    expect(await database.prisma.webhookEvent.count()).toBe(before);
  });

  it("stores the good events of a batch and names the bad ones: a 5,000-digit id or a NUL never blocks the rest", async () => {
    const before = await database.prisma.webhookEvent.count();
    const good = { eventId: Date.now(), subscriptionType: "contact.creation", objectId: 42, occurredAt: Date.now() };
    const batch = JSON.stringify([
      { ...good, eventId: Date.now() + 1, objectId: "9".repeat(5000) },
      good,
      { ...good, eventId: Date.now() + 2, propertyName: "dealname", propertyValue: "Acme\u0000Corp" },
    ]);
    const t = String(Date.now());
    const answer = await receive({ rawBody: batch, timestamp: t, signature: signV3({ clientSecret: SECRET, method: "POST", uri: webhookUrl, body: batch, timestamp: t }) });
    expect(answer).toMatchObject({ status: 200, body: { accepted: 1, rejected: [{ index: 0, error: "objectId is not a HubSpot id" }, { index: 2, error: expect.stringContaining("cannot be stored") }] } });
    expect(await database.prisma.webhookEvent.count()).toBe(before + 1);

    // Nothing good at all: a 400 that says why, and nothing stored.
    const bad = JSON.stringify([{ ...good, eventId: "x".repeat(30) }]);
    const t2 = String(Date.now());
    expect(await receive({ rawBody: bad, timestamp: t2, signature: signV3({ clientSecret: SECRET, method: "POST", uri: webhookUrl, body: bad, timestamp: t2 }) })).toMatchObject({
      status: 400,
      body: { error: "Not a HubSpot webhook batch: event 0: eventId is not a HubSpot id" },
    });
    expect(await database.prisma.webhookEvent.count()).toBe(before + 1);
  });
});

describe("overrides of a blocked intake", () => {
  async function blockedHandoff(name: string, amount: string) {
    const dealId = openDeal(name, { ...COMPLETE, dependencies: "" }, amount);
    sandbox.store.updateDeal(dealId, { dealstage: "closedwon", critical_risks: "Minor | low | low | PM | Watch it" });
    return eventually(async () => {
      const h = await handoffFor(dealId);
      return h?.status === "INTAKE_BLOCKED" ? h : null;
    }, "a blocked handoff");
  }

  it("applies at once below the materiality threshold", async () => {
    const handoff = await blockedHandoff("Small deal", "20000");
    const result = await requestIntakeOverride(team.revops, handoff.id, { reason: "Client confirmed dependencies by email; CRM catches up later." });
    expect(result).toMatchObject({ status: "APPROVED", material: false });
    expect(await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).toMatchObject({ status: "IN_PROGRESS" });
    await transitionHandoff(team.revops, handoff.id, { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "scope_confirmed", note: "Confirmed with sales" });
    await transitionHandoff(team.revops, handoff.id, { type: "CAPTURE_EVIDENCE", stage: "INTAKE", requirementKey: "risks_reviewed" });
    await expect(transitionHandoff(team.revops, handoff.id, { type: "SUBMIT_GATE", stage: "INTAKE" })).resolves.toMatchObject({ stageStatus: "AWAITING_APPROVAL" });
  });

  it("needs a second, different approver above it", async () => {
    const handoff = await blockedHandoff("Big deal", "450000");
    await expect(requestIntakeOverride(team.pm, handoff.id, { reason: "short" })).rejects.toMatchObject({ code: "INVALID" });
    const requested = await requestIntakeOverride(team.pm, handoff.id, { reason: "Strategic account; dependencies agreed in the SOW annex." });
    expect(requested).toMatchObject({ status: "PENDING_SECOND_APPROVAL", material: true });
    expect(await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).toMatchObject({ status: "INTAKE_BLOCKED" });

    await expect(decideOverride(team.pm, requested.id, { decision: "CONFIRM" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decideOverride(team.viewer, requested.id, { decision: "CONFIRM" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await decideOverride(team.leader, requested.id, { decision: "CONFIRM" });
    expect(await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).toMatchObject({ status: "IN_PROGRESS" });
    const actions = (await database.prisma.auditEvent.findMany({ where: { handoffId: handoff.id, action: { startsWith: "override." } }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["override.requested", "override.confirmed", "override.applied"]);
  });

  it("withdraws a pending override when the deal is fixed, so it cannot be confirmed afterwards", async () => {
    const handoff = await blockedHandoff("Fixed later", "450000");
    const requested = await requestIntakeOverride(team.pm, handoff.id, { reason: "Strategic account; dependencies agreed in the SOW annex." });
    sandbox.store.updateDeal(handoff.deal.sourceId, { dependencies: "Sandbox access — Client IT" });
    await eventually(async () => (await database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).status === "IN_PROGRESS", "the unblocked handoff");
    expect(await database.prisma.override.findUniqueOrThrow({ where: { id: requested.id } })).toMatchObject({ status: "REJECTED" });
    expect(await database.prisma.auditEvent.count({ where: { handoffId: handoff.id, action: "override.withdrawn" } })).toBe(1);
    await expect(decideOverride(team.leader, requested.id, { decision: "CONFIRM" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("the intake policy", () => {
  it("is versioned, audited, and a new version changes what blocks", async () => {
    await expect(saveIntakePolicy(team.pm, DEFAULT_INTAKE_POLICY, "try")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const relaxed = { ...DEFAULT_INTAKE_POLICY, fields: DEFAULT_INTAKE_POLICY.fields.map((f) => (f.key === "dependencies" ? { ...f, required: false } : f)) };
    const saved = await saveIntakePolicy(team.revops, relaxed, "Dependencies optional for the pilot");
    expect(saved).toMatchObject({ version: 1, status: "PENDING_APPROVAL" });
    // Making a field optional relaxes a control: it applies once a PS leader approves it.
    await decideIntakePolicy(team.leader, saved.version, "approve", "Agreed for the pilot");
    expect(await database.prisma.auditEvent.count({ where: { action: { in: ["policy.change_requested", "policy.change_approved"] } } })).toBe(2);

    const dealId = openDeal("Relaxed policy deal", { ...COMPLETE, dependencies: "" });
    sandbox.store.updateDeal(dealId, { dealstage: "closedwon" });
    const handoff = await eventually(() => handoffFor(dealId), "the handoff");
    expect(handoff.status).toBe("IN_PROGRESS");
    const created = await database.prisma.auditEvent.findFirstOrThrow({ where: { handoffId: handoff.id, action: "handoff.created" } });
    expect(created.data).toMatchObject({ policyVersion: 1 });
  });
});
