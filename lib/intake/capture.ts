import { isDeepStrictEqual } from "node:util";
import type { Prisma } from "../db/generated/client.ts";
import { db, type Tx } from "../db/client.ts";
import { recordAudit } from "../audit/record.ts";
import { env } from "../env.ts";
import { conflict } from "../errors.ts";
import { hubspotConnection } from "../connections/clients.ts";
import { withRetry } from "../sync/retry.ts";
import { fetchDeal, type CrmContact, type FetchedDeal } from "../integrations/hubspot/deals.ts";
import { enqueueEffect } from "../sync/enqueue.ts";
import { stageDefinition } from "../rules/stages.ts";
import { assignOwners, currentAssignmentRule, userForCrmOwner } from "./assign.ts";
import { partyOwner, resolveItemOwner } from "./owners.ts";
import { recordIntakeSnapshot } from "./snapshot.ts";
import { overrideCovers } from "./overrides.ts";
import { recomputeCompleteness } from "./completeness.ts";
import { parseIntakeIssues, type IntakeIssue } from "./issues.ts";
import { isClosedWon } from "./policy.ts";
import { currentIntakePolicy, type VersionedPolicy } from "./policy-store.ts";
import { riskLevelOf, storableAmount, validateIntake, type IntakeData } from "./validate.ts";

/**
 * Intake: a CRM deal becomes a handoff only through here. Whatever the trigger (a
 * webhook, the reconciliation sweep, a person), the deal is fetched fresh from the
 * CRM, kept as an immutable snapshot, validated against the intake policy in force,
 * and the handoff is created, blocked, unblocked or left alone accordingly — with the
 * write-back to the CRM enqueued in the same transaction. Running it twice for the
 * same data changes nothing.
 */

export type CaptureTrigger = "webhook" | "reconciliation" | "manual";

export type CaptureOutcome =
  | { outcome: "ignored"; reason: string }
  | { outcome: "created" | "revalidated" | "unchanged" | "recorded"; handoffId: string; blocked: boolean; issues: IntakeIssue[]; snapshotVersion: number };

const SYSTEM = { system: "HubSpot intake" };
export const WRITE_BACK_PROPERTIES = ["handoff_status", "handoff_url"];
const VOLATILE_PROPERTIES = new Set(["hs_lastmodifieddate", "hs_object_id", "createdate", ...WRITE_BACK_PROPERTIES]);
const HOUR = 3_600_000;

export async function captureDeal(dealId: string, trigger: CaptureTrigger, traceId?: string): Promise<CaptureOutcome> {
  const hubspot = await hubspotConnection();
  if (!hubspot) throw conflict("HubSpot is not connected: save a token on the Connections page first.");
  const policy = await currentIntakePolicy();
  const properties = [...policy.policy.fields.map((f) => f.property), ...stageEntryProperties(policy.policy)];
  const deal = await fetchDeal(hubspot.client, dealId, properties, (call) => withRetry("HUBSPOT", call));
  return applyCapturedDeal(deal, policy, { trigger, traceId, sourceUrl: hubspot.dealUrl(deal.id) });
}

type CaptureContext = { trigger: CaptureTrigger; traceId?: string; sourceUrl: string };
type ExistingDeal = Awaited<ReturnType<typeof findCapturedDeal>>;

function findCapturedDeal(tx: Tx, dealId: string) {
  return tx.deal.findUnique({
    where: { source_sourceId: { source: "HUBSPOT", sourceId: dealId } },
    include: { handoff: { include: { stages: { where: { key: "INTAKE" } } } }, snapshots: { orderBy: { version: "desc" }, take: 1 } },
  });
}

/** The database half of intake, given a deal already fetched from the CRM. */
export async function applyCapturedDeal(deal: FetchedDeal, versioned: VersionedPolicy, context: CaptureContext): Promise<CaptureOutcome> {
  const { policy } = versioned;
  const p = deal.properties;
  const closedWon = isClosedWon(policy, p.pipeline, p.dealstage);

  return db().$transaction(async (tx) => {
    // One capture of a deal at a time: duplicate webhooks and the sweep can race.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`deal:HUBSPOT:${deal.id}`}))`;
    const existing = await findCapturedDeal(tx, deal.id);
    if (!existing && !closedWon) return { outcome: "ignored", reason: `Deal ${deal.id} is not closed-won (${p.pipeline ?? "?"}/${p.dealstage ?? "?"}).` };

    const closedWonAt = existing?.closedWonAt ?? closedWonMoment(p);
    const snapshot = await saveDeal(tx, deal, existing, closedWonAt, context.sourceUrl);
    const { data, issues } = validateIntake(policy, p, closedWonAt);
    const decision = { policyVersion: versioned.version, snapshotVersion: snapshot.version, trigger: context.trigger, issues: issues as unknown as Prisma.InputJsonValue };
    const audit: IntakeAudit = (action, handoffId, extra = {}) =>
      recordAudit(tx, { actor: SYSTEM, action, entityType: "Handoff", entityId: handoffId, handoffId, sourceUrl: context.sourceUrl, traceId: context.traceId, data: { ...decision, ...extra } });

    const handoff = existing?.handoff;
    if (!handoff) {
      const created = await createHandoff(tx, snapshot.dealRowId, deal, data, issues, closedWonAt, versioned);
      await audit("handoff.created", created.id, { dealId: deal.id });
      await audit(issues.length ? "intake.blocked" : "intake.validated", created.id);
      if (!issues.length) await recordSnapshotEvidence(tx, created.id, snapshot.version, context.sourceUrl, versioned.version);
      await recomputeCompleteness(tx, created.id);
      await enqueueWriteBack(tx, created.id, deal.id, snapshot.version, issues, context.traceId);
      return { outcome: "created", handoffId: created.id, blocked: issues.length > 0, issues, snapshotVersion: snapshot.version };
    }
    return revalidate(tx, { handoff, deal, data, issues, snapshot, versioned, context, audit });
  });
}

type IntakeAudit = (action: string, handoffId: string, extra?: Prisma.InputJsonObject) => Promise<void>;

/**
 * Saves the deal as the CRM has it now, and a new snapshot version when its business data changed.
 * The snapshot holds the business data only: not HubSpot's bookkeeping, and not the status we
 * write back ourselves (which would otherwise look like a change).
 */
async function saveDeal(tx: Tx, deal: FetchedDeal, existing: ExistingDeal, closedWonAt: Date, sourceUrl: string) {
  const p = deal.properties;
  const snapshotProperties = Object.fromEntries(Object.entries(p).filter(([key]) => !VOLATILE_PROPERTIES.has(key)));
  const last = existing?.snapshots[0];
  const changed = !last || !isDeepStrictEqual(last.properties, snapshotProperties);
  const version = changed ? (last?.version ?? 0) + 1 : last.version;
  const amount = storableAmount(p.amount);
  const dealData = {
    sourceUrl,
    name: p.dealname ?? `Deal ${deal.id}`,
    companyName: deal.companyName,
    amount,
    currency: p.deal_currency_code ?? "USD",
    pipeline: p.pipeline ?? "default",
    dealStage: p.dealstage ?? "",
    ownerEmail: deal.owner?.email ?? null,
    properties: snapshotProperties,
    sourceUpdatedAt: deal.updatedAt,
    capturedAt: new Date(),
  };
  const saved = existing
    ? await tx.deal.update({ where: { id: existing.id }, data: dealData })
    : await tx.deal.create({ data: { ...dealData, source: "HUBSPOT", sourceId: deal.id, closedWonAt } });
  if (changed) {
    const associations = { ...deal.associations, owner: deal.owner, companyName: deal.companyName, contactDetails: deal.contacts };
    await tx.dealSnapshot.create({
      data: { dealId: saved.id, version, properties: snapshotProperties, associations: associations as Prisma.InputJsonValue, sourceUpdatedAt: deal.updatedAt },
    });
  }
  return { dealRowId: saved.id, version, changed, amount };
}

interface Revalidation {
  handoff: NonNullable<NonNullable<ExistingDeal>["handoff"]>;
  deal: FetchedDeal;
  data: ReturnType<typeof validateIntake>["data"];
  issues: IntakeIssue[];
  snapshot: Awaited<ReturnType<typeof saveDeal>>;
  versioned: VersionedPolicy;
  context: CaptureContext;
  audit: IntakeAudit;
}

/** A deal captured before: still at intake, its facts and verdict follow the CRM; past it, a change is only recorded. */
async function revalidate(tx: Tx, r: Revalidation): Promise<CaptureOutcome> {
  const { handoff, deal, data, issues, snapshot, versioned, context, audit } = r;
  const intake = handoff.stages[0];
  const stillAtIntake = handoff.stage === "INTAKE" && intake?.status !== "APPROVED" && handoff.status !== "COMPLETED" && handoff.status !== "CANCELLED";
  if (!stillAtIntake) {
    if (snapshot.changed) await audit("deal.changed_after_intake", handoff.id, { note: "The CRM deal changed after intake was approved; review for scope change." });
    return { outcome: "recorded", handoffId: handoff.id, blocked: false, issues, snapshotVersion: snapshot.version };
  }

  const previous = Array.isArray(handoff.intakeIssues) ? (handoff.intakeIssues as unknown as IntakeIssue[]) : [];
  if (!snapshot.changed && isDeepStrictEqual(previous, issues)) {
    return { outcome: "unchanged", handoffId: handoff.id, blocked: issues.length > 0, issues, snapshotVersion: snapshot.version };
  }

  await replaceIntakeFacts(tx, handoff.id, data, deal.contacts);
  const wasBlocked = handoff.status === "INTAKE_BLOCKED";
  const overrides = await tx.override.findMany({ where: { handoffId: handoff.id, kind: "INTAKE_VALIDATION", status: "APPROVED" }, select: { bypassed: true } });
  const overridden = overrides.some((o) => overrideCovers(parseIntakeIssues(o.bypassed), issues));
  await tx.handoff.update({
    where: { id: handoff.id },
    data: {
      intakeIssues: issues as unknown as Prisma.InputJsonValue,
      status: issues.length && !overridden ? "INTAKE_BLOCKED" : "IN_PROGRESS",
      riskLevel: riskLevelOf(data),
      title: titleOf(deal),
      customerName: deal.companyName ?? deal.properties.dealname ?? handoff.customerName,
      amount: snapshot.amount,
      promisedKickoffAt: data.promised_kickoff_date ? new Date(`${data.promised_kickoff_date}T09:00:00Z`) : null,
    },
  });
  if (issues.length === 0) {
    await recordSnapshotEvidence(tx, handoff.id, snapshot.version, context.sourceUrl, versioned.version);
    await audit(wasBlocked ? "intake.unblocked" : "intake.validated", handoff.id);
    await withdrawPendingOverrides(tx, handoff.id, audit);
  } else {
    await audit("intake.blocked", handoff.id);
  }
  // Tell the deal owner only when the verdict changed: no second task for the same problems.
  const nowBlocked = issues.length > 0 && !overridden;
  if (nowBlocked !== wasBlocked || !isDeepStrictEqual(previous, issues)) {
    await enqueueWriteBack(tx, handoff.id, deal.id, snapshot.version, nowBlocked ? issues : [], context.traceId);
  }
  await recomputeCompleteness(tx, handoff.id);
  return { outcome: "revalidated", handoffId: handoff.id, blocked: issues.length > 0, issues, snapshotVersion: snapshot.version };
}

/** The deal was fixed: an override still waiting for its second approver has nothing left to bypass. */
async function withdrawPendingOverrides(tx: Tx, handoffId: string, audit: IntakeAudit) {
  const stale = await tx.override.findMany({ where: { handoffId, status: "PENDING_SECOND_APPROVAL" }, select: { id: true } });
  if (!stale.length) return;
  await tx.override.updateMany({ where: { id: { in: stale.map((o) => o.id) } }, data: { status: "REJECTED" } });
  for (const o of stale) await audit("override.withdrawn", handoffId, { overrideId: o.id, note: "The deal now passes intake; the pending override was withdrawn." });
}

/** HubSpot records when a deal entered each stage (`hs_v2_date_entered_<stage id>`). */
export function stageEntryProperty(stageId: string): string {
  return `hs_v2_date_entered_${stageId}`;
}

function stageEntryProperties(policy: VersionedPolicy["policy"]): string[] {
  return [...new Set(Object.values(policy.closedWonStages).flat().map(stageEntryProperty))];
}

/**
 * When the deal was won: the moment it entered its closed-won stage, as HubSpot recorded it.
 * `closedate` is only a fallback: sales often leave a planned date there, which can lie in the
 * future and would move the handoff out of the week it was really won.
 */
export function closedWonMoment(properties: Record<string, string | null>, now = new Date()): Date {
  const valid = (raw: string | null | undefined) => {
    if (!raw) return null;
    const date = /^\d+$/.test(raw) ? new Date(Number(raw)) : new Date(raw);
    return Number.isNaN(date.getTime()) ? null : date;
  };
  const stage = properties.dealstage;
  const entered = stage ? valid(properties[stageEntryProperty(stage)]) : null;
  if (entered) return entered;
  const closedate = valid(properties.closedate);
  // A close date in the future is a plan, not a fact: the deal is won now.
  if (closedate && closedate.getTime() <= now.getTime()) return closedate;
  return now;
}

function titleOf(deal: FetchedDeal): string {
  return deal.properties.dealname ?? `Deal ${deal.id}`;
}

async function createHandoff(tx: Tx, dealRowId: string, deal: FetchedDeal, data: IntakeData, issues: IntakeIssue[], closedWonAt: Date, versioned: VersionedPolicy) {
  // One connection per transaction: its queries run one after another.
  const salesOwnerId = await userForCrmOwner(tx, deal.owner);
  const salesOwner = salesOwnerId ? await tx.user.findUnique({ where: { id: salesOwnerId }, select: { team: true } }) : null;
  const rule = await currentAssignmentRule(tx);
  const { projectManagerId, psLeaderId, revOpsId, deliveryLeadId } = await assignOwners(tx, rule.config, {
    team: salesOwner?.team ?? null,
  });
  const now = new Date();
  const sla = stageDefinition("INTAKE").slaHours * HOUR;
  const handoff = await tx.handoff.create({
    data: {
      dealId: dealRowId,
      title: titleOf(deal),
      customerName: deal.companyName ?? deal.properties.dealname ?? `Deal ${deal.id}`,
      team: salesOwner?.team ?? "Unassigned",
      segment: salesOwner?.team ?? "Unassigned",
      pipeline: deal.properties.pipeline ?? "default",
      status: issues.length ? "INTAKE_BLOCKED" : "IN_PROGRESS",
      stage: "INTAKE",
      stageStatus: "IN_PROGRESS",
      intakeIssues: issues as unknown as Prisma.InputJsonValue,
      riskLevel: riskLevelOf(data),
      amount: data.amount ?? storableAmount(deal.properties.amount),
      currency: deal.properties.deal_currency_code ?? "USD",
      projectManagerId,
      psLeaderId,
      revOpsId,
      deliveryLeadId,
      salesOwnerId,
      waitingOnId: revOpsId,
      closedWonAt,
      stageEnteredAt: now,
      dueAt: new Date(now.getTime() + sla),
      promisedKickoffAt: data.promised_kickoff_date ? new Date(`${data.promised_kickoff_date}T09:00:00Z`) : null,
      stages: { create: { key: "INTAKE", status: "IN_PROGRESS", startedAt: now, dueAt: new Date(now.getTime() + sla) } },
    },
  });
  await replaceIntakeFacts(tx, handoff.id, data, deal.contacts);
  await recordAudit(tx, {
    actor: SYSTEM,
    action: "handoff.assigned",
    entityType: "Handoff",
    entityId: handoff.id,
    handoffId: handoff.id,
    data: { rule: rule.config.strategy, ruleVersion: rule.version, projectManagerId, psLeaderId, revOpsId, deliveryLeadId, policyVersion: versioned.version },
  });
  return handoff;
}

/** While a handoff is at intake, its facts mirror the latest deal snapshot. */
async function replaceIntakeFacts(tx: Tx, handoffId: string, data: IntakeData, contacts: CrmContact[]) {
  const people = await tx.user.findMany({ where: { active: true }, select: { id: true, name: true, email: true } });
  const owner = (name: string | null) => resolveItemOwner(name, people, contacts);
  await tx.scopeItem.deleteMany({ where: { handoffId } });
  await tx.risk.deleteMany({ where: { handoffId, status: "OPEN" } });
  await tx.milestone.deleteMany({ where: { handoffId } });
  await tx.commitment.deleteMany({ where: { handoffId } });
  await tx.dependency.deleteMany({ where: { handoffId } });
  await tx.scopeItem.createMany({
    data: [
      ...data.scope_in.map((description) => ({ handoffId, kind: "IN_SCOPE" as const, description })),
      ...data.scope_out.map((description) => ({ handoffId, kind: "OUT_OF_SCOPE" as const, description })),
    ],
  });
  await tx.risk.createMany({
    data: data.critical_risks.map((r) => ({ handoffId, title: r.title, severity: r.severity, likelihood: r.likelihood, ownerName: r.owner, mitigation: r.mitigation })),
  });
  await tx.milestone.createMany({
    data: data.milestones.map((m, position) => ({ handoffId, name: m.name, dueDate: new Date(`${m.date}T09:00:00Z`), ownerName: m.owner, position, ...owner(m.owner) })),
  });
  const commitments = [
    ...(data.promised_kickoff_date ? [{ description: "Kickoff on the promised date", dueDate: data.promised_kickoff_date, owner: null }] : []),
    ...data.milestones.map((m) => ({ description: m.name, dueDate: m.date, owner: m.owner })),
  ];
  await tx.commitment.createMany({
    data: commitments.map((c) => ({ handoffId, description: c.description, ownerName: c.owner, dueDate: new Date(`${c.dueDate}T09:00:00Z`), ...owner(c.owner) })),
  });
  await tx.dependency.createMany({
    data: data.dependencies.map((d) => ({ handoffId, description: d.description, party: d.party || "Unspecified", ...partyOwner(d.party, people, contacts) })),
  });
}

/** The intake gate's evidence is the validated snapshot itself. */
function recordSnapshotEvidence(tx: Tx, handoffId: string, snapshotVersion: number, sourceUrl: string, policyVersion: number) {
  return recordIntakeSnapshot(tx, handoffId, {
    url: sourceUrl,
    data: { snapshotVersion, policyVersion, note: `Snapshot v${snapshotVersion} passed intake policy v${policyVersion}` },
  });
}

async function enqueueWriteBack(tx: Tx, handoffId: string, dealId: string, snapshotVersion: number, issues: IntakeIssue[], traceId?: string) {
  const status = issues.length ? "blocked" : "accepted";
  await enqueueEffect(tx, {
    vendor: "HUBSPOT",
    kind: "hubspot.writeback",
    idempotencyKey: `hubspot.writeback:${dealId}:v${snapshotVersion}:${status}`,
    handoffId,
    traceId,
    payload: { dealId, status, handoffUrl: `${env().APP_URL.replace(/\/$/, "")}/handoffs/${handoffId}`, issues: issues as unknown as Prisma.InputJsonValue },
  });
}
