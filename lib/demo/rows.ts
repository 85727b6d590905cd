import type { Prisma } from "../db/generated/client.ts";
import { waitingOnFor } from "../rules/waiting-on.ts";
import type { IntakeIssue } from "../intake/issues.ts";
import { handoffCompleteness, type ScoredHandoff } from "../rules/completeness.ts";
import { contentRows } from "./content-rows.ts";
import { evidenceContent } from "./evidence.ts";
import type { Person } from "./people.ts";
import { assignmentsOf, DEMO_POLICY, typoKickoffDate, type Ctx, type Plan, type RiskDraft } from "./plan.ts";
import type { CapturedEvidence, StageRun, Timeline } from "./timeline.ts";
import { DAY, earliest, HOUR, isoDate, latest, ms, plus } from "./time.ts";

/**
 * Turns each planned handoff and its timeline into the rows the app would have written: the deal
 * and its snapshot, the handoff, its stages, evidence, approvals, override and content, and the
 * audit trail of it all. What the app derives (completeness, who it waits on, materiality) comes
 * from the domain's own functions.
 */

/** Every row the demo database holds, table by table, each list in the order it is written. */
export interface Rows {
  users: Prisma.UserCreateManyInput[];
  policies: Prisma.PolicyVersionCreateManyInput[];
  deals: Prisma.DealCreateManyInput[];
  snapshots: Prisma.DealSnapshotCreateManyInput[];
  handoffs: Prisma.HandoffCreateManyInput[];
  stages: Prisma.HandoffStageCreateManyInput[];
  evidence: Prisma.EvidenceCreateManyInput[];
  approvals: Prisma.ApprovalCreateManyInput[];
  overrides: Prisma.OverrideCreateManyInput[];
  risks: Prisma.RiskCreateManyInput[];
  commitments: Prisma.CommitmentCreateManyInput[];
  milestones: Prisma.MilestoneCreateManyInput[];
  dependencies: Prisma.DependencyCreateManyInput[];
  assumptions: Prisma.AssumptionCreateManyInput[];
  scopeItems: Prisma.ScopeItemCreateManyInput[];
  constraints: Prisma.IntegrationConstraintCreateManyInput[];
  decisions: Prisma.DecisionCreateManyInput[];
  scopeChanges: Prisma.ScopeChangeCreateManyInput[];
  qaRuns: Prisma.QaRunCreateManyInput[];
  qaReviews: Prisma.QaReviewCreateManyInput[];
  retrainingActions: Prisma.RetrainingActionCreateManyInput[];
  audit: (Prisma.AuditEventCreateManyInput & { at: Date })[];
}

export function emptyRows(users: Rows["users"]): Rows {
  return {
    users,
    policies: [],
    deals: [], snapshots: [], handoffs: [], stages: [], evidence: [], approvals: [], overrides: [], risks: [],
    commitments: [], milestones: [], dependencies: [], assumptions: [], scopeItems: [], constraints: [], decisions: [],
    scopeChanges: [], qaRuns: [], qaReviews: [], retrainingActions: [], audit: [],
  };
}

type AuditActor = Person | "HubSpot intake";

/** One handoff's audit trail, ordered by time (and, at the same instant, by when it was added). */
class AuditLog {
  private readonly events: { row: Rows["audit"][number]; seq: number }[] = [];

  constructor(private readonly plan: Plan) {}

  add(at: Date, actor: AuditActor, action: string, data: Prisma.InputJsonValue, entity?: { type: string; id: string }): void {
    const who = actor === "HubSpot intake" ? { actorLabel: actor } : { actorId: actor.id, actorRole: actor.role, actorLabel: actor.name };
    this.events.push({
      seq: this.events.length,
      row: {
        at,
        ...who,
        action,
        entityType: entity?.type ?? "Handoff",
        entityId: entity?.id ?? this.plan.id,
        handoffId: this.plan.id,
        data,
        sourceUrl: actor === "HubSpot intake" ? this.plan.sourceUrl : undefined,
      },
    });
  }

  get rows(): Rows["audit"] {
    return this.events.sort((a, b) => ms(a.row.at) - ms(b.row.at) || a.seq - b.seq).map((e) => e.row);
  }

  get lastAt(): Date {
    return this.events.reduce((max, e) => latest(max, e.row.at), this.plan.createdAt);
  }
}

/** Builds every row of one handoff from its plan and timeline. */
export function handoffRows(plan: Plan, timeline: Timeline, rows: Rows, ctx: Ctx): void {
  const log = new AuditLog(plan);
  dealRows(plan, rows, ctx);
  log.add(plan.createdAt, "HubSpot intake", "handoff.created", { dealId: plan.dealId, sourceId: plan.sourceId, title: plan.title });

  const acknowledgedRisks = timeline.acknowledgedAt ? plan.content.risks : [];
  for (const run of timeline.runs) stageRows(plan, run, timeline, acknowledgedRisks, rows, log, ctx);
  if (plan.override) overrideRows(plan, timeline, rows, log);
  const clientDates = kickoffEvents(plan, timeline, log, ctx);
  contentRows(plan, timeline, rows, ctx);

  const facts = scoredFacts(plan, timeline, rows);
  intakeEvent(plan, facts, log);
  rows.handoffs.push(handoffRow(plan, timeline, facts, clientDates, log.lastAt, ctx.now));
  rows.audit.push(...log.rows);
}

function dealRows(plan: Plan, rows: Rows, ctx: Ctx): void {
  const properties = dealProperties(plan);
  rows.deals.push({
    id: plan.dealId,
    source: "HUBSPOT",
    sourceId: plan.sourceId,
    sourceUrl: plan.sourceUrl,
    name: plan.title,
    companyName: plan.customer,
    amount: plan.amount,
    pipeline: plan.pipeline,
    dealStage: "closedwon",
    ownerEmail: plan.salesOwner.email,
    closedWonAt: plan.closedWonAt,
    properties,
    sourceUpdatedAt: plan.closedWonAt,
    capturedAt: plan.createdAt,
    createdAt: plan.createdAt,
    updatedAt: plan.createdAt,
  });
  rows.snapshots.push({ id: ctx.newId(), dealId: plan.dealId, version: 1, properties, sourceUpdatedAt: plan.closedWonAt, capturedAt: plan.createdAt });
}

/** The kickoff being scheduled, and the client confirming the dates (returned: the handoff keeps when). */
function kickoffEvents(plan: Plan, timeline: Timeline, log: AuditLog, ctx: Ctx): CapturedEvidence | undefined {
  const current = timeline.runs[timeline.runs.length - 1];
  if (timeline.kickoff) {
    const pmOrLeader = ctx.rng.chance(0.8) ? plan.projectManager : plan.psLeader;
    log.add(timeline.kickoff.scheduledEventAt, pmOrLeader, "kickoff.scheduled", { date: isoDate(timeline.kickoff.scheduledAt) });
  }
  const clientDates = current.def.key === "KICKOFF_QA" ? current.evidence.find((e) => e.requirement.key === "client_dates_confirmed") : undefined;
  if (clientDates) log.add(clientDates.at, current.worker, "client_dates.confirmed", {});
  return clientDates;
}

/** What the completeness score reads besides the intake issues: the handoff's stages, evidence, risks and commitments as written. */
type HandoffFacts = Omit<ScoredHandoff, "fieldCount" | "fieldsWithIssues">;

/** The score the app keeps on the handoff, by the domain's rule, under the demo's intake policy. */
function scoreOf(facts: HandoffFacts, issues: readonly IntakeIssue[]): number {
  return handoffCompleteness({ ...facts, fieldCount: DEMO_POLICY.fields.length, fieldsWithIssues: issues.map((i) => i.field) });
}

function scoredFacts(plan: Plan, timeline: Timeline, rows: Rows): HandoffFacts {
  return {
    stages: timeline.runs.map((run) => ({ key: run.def.key, status: run.status, evidence: run.evidence.map((e) => ({ requirementKey: e.requirement.key })) })),
    risks: rows.risks.filter((r) => r.handoffId === plan.id),
    commitments: rows.commitments.filter((c) => c.handoffId === plan.id),
  };
}

/**
 * The intake's verdict on capture, with the completeness score the handoff had then: intake just
 * opened, its only evidence the validated snapshot when the deal passed.
 */
function intakeEvent(plan: Plan, facts: HandoffFacts, log: AuditLog): void {
  const passed = plan.capturedIssues.length === 0;
  const completenessScore = scoreOf({ ...facts, stages: [{ key: "INTAKE", status: "IN_PROGRESS", evidence: passed ? [{ requirementKey: "deal_snapshot" }] : [] }] }, plan.capturedIssues);
  const issues = plan.capturedIssues as unknown as Prisma.InputJsonValue;
  log.add(plus(plan.createdAt, 2000), "HubSpot intake", passed ? "intake.validated" : "intake.blocked", { issues, completenessScore });
}

function handoffRow(
  plan: Plan,
  timeline: Timeline,
  facts: HandoffFacts,
  clientDates: CapturedEvidence | undefined,
  lastEventAt: Date,
  now: Date,
): Prisma.HandoffCreateManyInput {
  const current = timeline.runs[timeline.runs.length - 1];
  const blockedNow = plan.status === "INTAKE_BLOCKED";
  const intakeIssues = blockedNow ? plan.capturedIssues : [];
  const lead = plan.deliveryLead;
  const stageKey = current.def.key;
  const submittedById = current.status === "AWAITING_APPROVAL" ? current.worker.id : null;
  return {
    id: plan.id,
    dealId: plan.dealId,
    title: plan.title,
    customerName: plan.customer,
    team: plan.team,
    segment: plan.team,
    pipeline: plan.pipeline,
    pilotCohort: plan.pilotCohort,
    stage: stageKey,
    stageStatus: plan.stageStatus,
    status: plan.status,
    riskLevel: plan.riskLevel,
    intakeIssues: intakeIssues as unknown as Prisma.InputJsonValue,
    completenessScore: scoreOf(facts, intakeIssues),
    amount: plan.amount,
    psLeaderId: plan.psLeader.id,
    projectManagerId: plan.projectManager.id,
    revOpsId: plan.revOps.id,
    deliveryLeadId: lead.id,
    salesOwnerId: plan.salesOwner.id,
    waitingOnId: waitingOnFor(stageKey, plan.stageStatus, plan.status, assignmentsOf(plan), submittedById),
    closedWonAt: plan.closedWonAt,
    stageEnteredAt: timeline.stageEnteredAt,
    dueAt: timeline.dueAt,
    // A kickoff date sales typed wrong is not a promise we can measure against.
    promisedKickoffAt: blockedNow && plan.capturedIssues.some((i) => i.field === "promised_kickoff_date") ? null : plan.promisedKickoffAt,
    kickoffScheduledAt: timeline.kickoff?.scheduledAt ?? null,
    actualKickoffAt: plan.status === "COMPLETED" ? timeline.kickoff?.heldAt ?? null : null,
    clientDateConfirmedAt: clientDates?.at ?? null,
    acknowledgedAt: timeline.acknowledgedAt,
    acknowledgedById: timeline.acknowledgedAt ? lead.id : null,
    completedAt: timeline.completedAt,
    createdAt: plan.createdAt,
    updatedAt: earliest(lastEventAt, now),
  };
}

/** The deal's CRM properties as HubSpot held them at capture, with the problems intake found. */
function dealProperties(plan: Plan): Record<string, string> {
  const c = plan.content;
  const risk = (r: RiskDraft) => {
    const owner = r.owner?.name ?? r.ownerName;
    return `- ${r.title} (${r.severity.toLowerCase()})${owner ? ` — owner: ${owner}` : ""} — mitigation: ${r.mitigation}`;
  };
  const properties: Record<string, string> = {
    dealname: plan.title,
    amount: String(plan.amount),
    closedate: plan.closedWonAt.toISOString(),
    pipeline: plan.pipeline,
    dealstage: "closedwon",
    hubspot_owner_id: plan.salesOwner.hubspotOwnerId,
    scope_in: c.scopeIn.map((s) => `- ${s}`).join("\n"),
    scope_out: c.scopeOut.map((s) => `- ${s}`).join("\n"),
    commercial_terms: c.terms,
    dependencies: c.dependencies.map((d) => `- ${d.party}: ${d.description}`).join("\n"),
    promised_kickoff_date: isoDate(plan.promisedKickoffAt),
    milestones: c.milestones.map((m) => `- ${m.name}: ${isoDate(plus(plan.promisedKickoffAt, m.offsetDays * DAY))}`).join("\n"),
    critical_risks: c.risks.map(risk).join("\n"),
  };
  for (const issue of plan.capturedIssues) {
    if (issue.field === "promised_kickoff_date") properties.promised_kickoff_date = typoKickoffDate(plan);
    else if (issue.field === "scope_in") properties.scope_in = "Implementation services";
    else if (issue.field !== "critical_risks") properties[issue.field] = "";
  }
  return properties;
}

function stageRows(plan: Plan, run: StageRun, timeline: Timeline, acceptedRisks: RiskDraft[], rows: Rows, log: AuditLog, ctx: Ctx): void {
  const stage = run.def.key;
  const lastSubmission = run.submissions[run.submissions.length - 1] ?? null;
  const decision = run.approvedAt ?? run.changesRequested?.at ?? null;
  const updatedAt = [run.enteredAt, run.startedAt, ...run.evidence.map((e) => e.at), lastSubmission, decision]
    .filter((d): d is Date => d !== null)
    .reduce(latest);

  rows.stages.push({
    id: run.id,
    handoffId: plan.id,
    key: stage,
    status: run.status,
    startedAt: run.startedAt,
    submittedAt: lastSubmission,
    submittedById: lastSubmission ? run.worker.id : null,
    decidedAt: decision,
    decidedById: decision ? run.approver.id : null,
    dueAt: run.startedAt ? plus(run.startedAt, run.def.slaHours * HOUR) : null,
    createdAt: run.enteredAt,
    updatedAt,
  });

  if (run.startedAt && stage !== "INTAKE") log.add(run.startedAt, run.worker, "stage.started", { stage });

  for (const item of run.evidence) {
    const { url, note, data } = evidenceContent(item.requirement, plan, item.at, timeline, ctx);
    rows.evidence.push({
      id: item.id,
      stageId: run.id,
      requirementKey: item.requirement.key,
      kind: item.requirement.kind,
      label: item.requirement.label,
      url,
      data: note ? { note } : data,
      capturedById: run.worker.id,
      capturedAt: item.at,
    });
    if (stage !== "ACKNOWLEDGEMENT") {
      log.add(item.at, run.worker, "evidence.captured", { stage, requirementKey: item.requirement.key, url: url ?? null, note: note ?? null }, { type: "Evidence", id: item.id });
    }
  }
  if (stage === "ACKNOWLEDGEMENT" && timeline.acknowledgedAt) {
    log.add(timeline.acknowledgedAt, plan.deliveryLead, "handoff.acknowledged", {
      acceptedRisks: acceptedRisks.map((r) => ({ id: r.id, title: r.title })),
      comment: null,
    });
  }

  run.submissions.forEach((at) => log.add(at, run.worker, "gate.submitted", { stage }));
  if (run.changesRequested) {
    const { at, comment } = run.changesRequested;
    rows.approvals.push({ id: ctx.newId(), stageId: run.id, actorId: run.approver.id, decision: "CHANGES_REQUESTED", comment, createdAt: at });
    log.add(at, run.approver, "gate.changes_requested", { stage, comment });
  }
  if (run.approvedAt) {
    const comment = ctx.rng.chance(0.25) ? ctx.rng.pick(["Looks good.", "Thanks — clear and complete.", "Approved; watch the data migration risk."]) : null;
    rows.approvals.push({ id: ctx.newId(), stageId: run.id, actorId: run.approver.id, decision: "APPROVED", comment, createdAt: run.approvedAt });
    log.add(run.approvedAt, run.approver, "gate.approved", { stage, comment });
  }
}

function overrideRows(plan: Plan, timeline: Timeline, rows: Rows, log: AuditLog): void {
  const o = plan.override!;
  const run = timeline.runs.find((r) => r.def.key === o.stageKey);
  rows.overrides.push({
    id: o.id,
    handoffId: plan.id,
    stageId: run?.id ?? null,
    kind: o.kind,
    reason: o.reason,
    bypassed: o.bypassed,
    material: o.material,
    status: o.pending ? "PENDING_SECOND_APPROVAL" : "APPROVED",
    requestedById: o.requestedBy.id,
    confirmedById: o.confirmedBy?.id ?? null,
    confirmedAt: o.confirmedAt,
    classification: o.classification,
    createdAt: o.requestedAt,
    updatedAt: o.confirmedAt ?? o.requestedAt,
  });
  const entity = { type: "Override", id: o.id };
  log.add(o.requestedAt, o.requestedBy, "override.requested", { kind: o.kind, stage: o.stageKey, reason: o.reason, material: o.material, bypassed: o.bypassed }, entity);
  if (o.confirmedBy && o.confirmedAt) log.add(o.confirmedAt, o.confirmedBy, "override.confirmed", { kind: o.kind, stage: o.stageKey }, entity);
}
