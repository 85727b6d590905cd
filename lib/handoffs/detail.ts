import type { Prisma } from "../db/generated/client.ts";
import { db } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { parseIntakeIssues } from "../intake/issues.ts";
import { assertHandoffVisible } from "../auth/handoff-access.ts";
import { noteOf } from "../rules/evidence.ts";
import { allowedCommands, canApproveStage, canManageKickoff, canWorkStage, isWorkable, missingEvidence, type CommandType, type LifecycleState } from "./lifecycle.ts";
import { mayDecide } from "../auth/roles.ts";
import { unresolvedIntakeIssues } from "../intake/overrides.ts";
import { STAGES } from "../rules/stages.ts";
import { mayResync } from "../delivery/commands.ts";
import { mayResolveOwners } from "../delivery/owners.ts";
import { mayReassign } from "./reassign.ts";
import { loadLifecycleState } from "./state.ts";
import { isOverdue } from "../rules/overdue.ts";

/** Who owns an item, as people read it: our person, the client's contact, or the name sales wrote. */
function ownerLabel(row: { owner: { name: string } | null; clientOwnerName: string | null; ownerName: string | null }): string | null {
  if (row.owner) return row.owner.name;
  if (row.clientOwnerName) return `${row.clientOwnerName} (client)`;
  return row.ownerName;
}

const DETAIL_INCLUDE = {
  deal: { include: { snapshots: { orderBy: { version: "desc" }, take: 1 } } },
  psLeader: { select: { id: true, name: true, email: true } },
  projectManager: { select: { id: true, name: true, email: true } },
  revOps: { select: { id: true, name: true, email: true } },
  deliveryLead: { select: { id: true, name: true, email: true } },
  salesOwner: { select: { id: true, name: true, email: true } },
  waitingOn: { select: { id: true, name: true } },
  stages: {
    include: {
      submittedBy: { select: { name: true } },
      decidedBy: { select: { name: true } },
      evidence: { orderBy: { capturedAt: "asc" }, include: { capturedBy: { select: { name: true } } } },
      approvals: { orderBy: { createdAt: "asc" }, include: { actor: { select: { name: true } } } },
    },
  },
  risks: { orderBy: [{ severity: "desc" }, { createdAt: "asc" }], include: { owner: { select: { name: true } }, acceptedBy: { select: { name: true } } } },
  commitments: { orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }], include: { owner: { select: { name: true } } } },
  milestones: { orderBy: [{ dueDate: "asc" }, { position: "asc" }], include: { owner: { select: { name: true } } } },
  dependencies: { orderBy: { createdAt: "asc" }, include: { owner: { select: { name: true } } } },
  assumptions: { orderBy: { createdAt: "asc" } },
  scopeItems: { orderBy: { createdAt: "asc" } },
  integrationConstraints: { orderBy: { createdAt: "asc" } },
  decisions: { orderBy: { decidedAt: "asc" } },
  scopeChanges: { orderBy: { loggedAt: "desc" }, include: { loggedBy: { select: { name: true } } } },
  overrides: { orderBy: { createdAt: "desc" }, include: { requestedBy: { select: { name: true } }, confirmedBy: { select: { name: true } } } },
  auditEvents: { orderBy: { id: "desc" }, take: 200 },
} satisfies Prisma.HandoffInclude;

type Loaded = Prisma.HandoffGetPayload<{ include: typeof DETAIL_INCLUDE }>;

/** Everything the handoff page shows, read in one transaction, scoped to what the actor may see. */
export async function getHandoffDetail(actor: Actor, handoffId: string) {
  await assertHandoffVisible(db(), actor, handoffId);
  return db().$transaction(async (tx) => {
    const { state } = await loadLifecycleState(tx, handoffId, false);
    const h = await tx.handoff.findUniqueOrThrow({ where: { id: handoffId }, include: DETAIL_INCLUDE });
    return { ...summaryView(h, state, actor), ...planView(h), ...overrideView(h, actor), audit: auditView(h) };
  });
}

/** The handoff, its people and deal, and its stages with what this actor may do on each. */
function summaryView(h: Loaded, state: LifecycleState, actor: Actor) {
  const allowed = allowedCommands(state, actor);
  const stages = stageViews(h, state, actor);
  const snapshot = h.deal.snapshots[0];
  return {
    id: h.id,
    number: h.number,
    title: h.title,
    customerName: h.customerName,
    team: h.team,
    segment: h.segment,
    pipeline: h.pipeline,
    pilotCohort: h.pilotCohort,
    stage: h.stage,
    stageStatus: h.stageStatus,
    status: h.status,
    riskLevel: h.riskLevel,
    amount: h.amount?.toString() ?? null,
    currency: h.currency,
    completenessScore: h.completenessScore,
    /** What still blocks the intake: an issue an approved override accepted no longer does. */
    intakeIssues: unresolvedIntakeIssues(parseIntakeIssues(h.intakeIssues), h.overrides),
    closedWonAt: h.closedWonAt.toISOString(),
    dueAt: h.dueAt?.toISOString() ?? null,
    overdue: isOverdue(h),
    promisedKickoffAt: h.promisedKickoffAt?.toISOString() ?? null,
    kickoffScheduledAt: h.kickoffScheduledAt?.toISOString() ?? null,
    actualKickoffAt: h.actualKickoffAt?.toISOString() ?? null,
    clientDateConfirmedAt: h.clientDateConfirmedAt?.toISOString() ?? null,
    acknowledgedAt: h.acknowledgedAt?.toISOString() ?? null,
    waitingOn: h.waitingOn ? { name: h.waitingOn.name, isMe: h.waitingOn.id === actor.userId } : null,
    people: [
      { role: "PS leader (accountable)", slot: "psLeader" as const, person: h.psLeader },
      { role: "Project manager", slot: "projectManager" as const, person: h.projectManager },
      { role: "RevOps (support)", slot: null, person: h.revOps },
      { role: "Delivery lead", slot: "deliveryLead" as const, person: h.deliveryLead },
      { role: "Sales owner", slot: null, person: h.salesOwner },
    ],
    canReassign: mayReassign(actor, h),
    canResolveOwners: mayResolveOwners(actor, h) && !["COMPLETED", "CANCELLED"].includes(h.status),
    deal: {
      name: h.deal.name,
      sourceId: h.deal.sourceId,
      sourceUrl: h.deal.sourceUrl,
      source: h.deal.source,
      pipeline: h.deal.pipeline,
      dealStage: h.deal.dealStage,
      capturedAt: h.deal.capturedAt.toISOString(),
      snapshotVersion: snapshot?.version ?? null,
      properties: (snapshot?.properties ?? h.deal.properties) as Record<string, unknown>,
    },
    stages,
    allowed: [...allowed] as CommandType[],
    canManageKickoff: canManageKickoff(state, actor),
    canRecordDecision: mayDecide(actor, state.assignments) && h.status !== "CANCELLED",
    canResyncOutputs: mayResync(actor, state.assignments),
  };
}

function stageViews(h: Loaded, state: LifecycleState, actor: Actor) {
  return STAGES.map((def) => {
  const row = h.stages.find((s) => s.key === def.key);
  const stageState = state.stages[def.key];
  return {
    key: def.key,
    label: def.label,
    tool: def.tool,
    status: stageState.status,
    isCurrent: h.stage === def.key,
    startedAt: row?.startedAt?.toISOString() ?? null,
    submittedAt: row?.submittedAt?.toISOString() ?? null,
    submittedBy: row?.submittedBy?.name ?? null,
    decidedAt: row?.decidedAt?.toISOString() ?? null,
    decidedBy: row?.decidedBy?.name ?? null,
    dueAt: row?.dueAt?.toISOString() ?? null,
    requirements: def.evidence.map((r) => ({
      ...r,
      items: (row?.evidence ?? [])
        .filter((e) => e.requirementKey === r.key)
        .map((e) => ({ id: e.id, url: e.url, note: noteOf(e.data), capturedBy: e.capturedBy?.name ?? null, capturedAt: e.capturedAt.toISOString() })),
    })),
    /** Evidence recorded beyond the requirements, such as the brief content an approver signed off. */
    snapshots: (row?.evidence ?? [])
      .filter((e) => !def.evidence.some((r) => r.key === e.requirementKey))
      .map((e) => ({ id: e.id, label: e.label, url: e.url, note: noteOf(e.data), capturedBy: e.capturedBy?.name ?? null, capturedAt: e.capturedAt.toISOString() })),
    missing: missingEvidence(def, stageState),
    approvals: (row?.approvals ?? []).map((a) => ({
      id: a.id,
      decision: a.decision,
      comment: a.comment,
      actor: a.actor.name,
      at: a.createdAt.toISOString(),
    })),
    canWork: canWorkStage(state, actor, def),
    /** The current stage of an open handoff, in progress or sent back: evidence, submit and acknowledge apply. */
    workable: h.stage === def.key && h.status !== "COMPLETED" && h.status !== "CANCELLED" && isWorkable(stageState.status),
    canApprove: canApproveStage(state, actor, def) && stageState.submittedById !== actor.userId,
  };
});
}

/** What was promised: risks, commitments, milestones, dependencies, scope, constraints, decisions and scope changes. */
function planView(h: Loaded) {
  return {
    scopeChanges: h.scopeChanges.map((c) => ({
      id: c.id,
      description: c.description,
      afterBrief: c.afterBrief,
      loggedBy: c.loggedBy?.name ?? null,
      loggedAt: c.loggedAt.toISOString(),
    })),
    risks: h.risks.map((r) => ({
      id: r.id,
      title: r.title,
      description: r.description,
      severity: r.severity,
      likelihood: r.likelihood,
      owner: r.owner?.name ?? r.ownerName,
      mitigation: r.mitigation,
      status: r.status,
      acceptedBy: r.acceptedBy?.name ?? null,
      acceptedAt: r.acceptedAt?.toISOString() ?? null,
      comment: r.comment,
    })),
    commitments: h.commitments.map((c) => ({ id: c.id, description: c.description, owner: ownerLabel(c), dueDate: c.dueDate?.toISOString() ?? null, status: c.status })),
    milestones: h.milestones.map((m) => ({ id: m.id, name: m.name, owner: ownerLabel(m), dueDate: m.dueDate.toISOString(), doneAt: m.doneAt?.toISOString() ?? null })),
    dependencies: h.dependencies.map((d) => ({ id: d.id, description: d.description, party: d.party, owner: ownerLabel({ ...d, ownerName: null }), status: d.status, neededBy: d.neededBy?.toISOString() ?? null })),
    assumptions: h.assumptions.map((a) => ({ id: a.id, text: a.text })),
    inScope: h.scopeItems.filter((s) => s.kind === "IN_SCOPE").map((s) => ({ id: s.id, text: s.description })),
    outOfScope: h.scopeItems.filter((s) => s.kind === "OUT_OF_SCOPE").map((s) => ({ id: s.id, text: s.description })),
    constraints: h.integrationConstraints.map((c) => ({ id: c.id, system: c.system, constraint: c.constraint })),
    decisions: h.decisions.map((d) => ({ id: d.id, title: d.title, rationale: d.rationale, decidedBy: d.decidedBy, decidedAt: d.decidedAt.toISOString() })),
  };
}

function overrideView(h: Loaded, actor: Actor) {
  return {
    overrideControls: {
      canRequest: can(actor.role, "overrides:request") && h.status === "INTAKE_BLOCKED" && !h.overrides.some((o) => o.status === "PENDING_SECOND_APPROVAL"),
      canConfirm: can(actor.role, "overrides:confirm"),
      canClassify: can(actor.role, "overrides:classify"),
    },
    overrides: h.overrides.map((o) => ({
      id: o.id,
      kind: o.kind,
      reason: o.reason,
      status: o.status,
      material: o.material,
      classification: o.classification,
      requestedBy: o.requestedBy.name,
      requestedByMe: o.requestedById === actor.userId,
      confirmedBy: o.confirmedBy?.name ?? null,
      createdAt: o.createdAt.toISOString(),
    })),
  };
}

function auditView(h: Loaded) {
  return h.auditEvents.map((e) => ({
      id: e.id.toString(),
      at: e.at.toISOString(),
      actor: e.actorLabel ?? "System",
      action: e.action,
      data: e.data as Record<string, unknown>,
      sourceUrl: e.sourceUrl,
    }));
}

export type HandoffDetail = Awaited<ReturnType<typeof getHandoffDetail>>;
