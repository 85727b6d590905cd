import type { Prisma } from "../db/generated/client.ts";
import type { StageKey } from "../db/generated/enums.ts";
import { db } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { visibleHandoffs } from "../auth/handoff-access.ts";
import { noteOf } from "../rules/evidence.ts";
import { missingEvidence } from "./lifecycle.ts";
import { stageDefinition } from "../rules/stages.ts";
import { isOverdue } from "../rules/overdue.ts";

/**
 * The approver inbox: gates waiting for this person's sign-off (never their own
 * submissions), and for delivery leads the acknowledgements they owe.
 */
function gatesWaitingFor(actor: Actor): Prisma.HandoffStageWhereInput {
  const forMe: Prisma.HandoffWhereInput[] = [{ waitingOnId: actor.userId }];
  if (actor.role === "PS_LEADER") forMe.push({ psLeaderId: actor.userId });
  return {
    status: "AWAITING_APPROVAL",
    OR: [{ submittedById: null }, { submittedById: { not: actor.userId } }],
    handoff: { AND: [visibleHandoffs(actor), { OR: forMe }], status: { in: ["IN_PROGRESS", "INTAKE_BLOCKED"] } },
  };
}

function acknowledgementsWaitingFor(actor: Actor): Prisma.HandoffWhereInput {
  return {
    deliveryLeadId: actor.userId,
    stage: "ACKNOWLEDGEMENT",
    stageStatus: { in: ["IN_PROGRESS", "CHANGES_REQUESTED", "NOT_STARTED"] },
    status: "IN_PROGRESS",
  };
}

export async function countInbox(actor: Actor): Promise<number> {
  if (!can(actor.role, "approvals:inbox")) return 0;
  if (actor.role === "DELIVERY_LEAD") return db().handoff.count({ where: acknowledgementsWaitingFor(actor) });
  const [gates, overrides, policyChanges] = await Promise.all([
    db().handoffStage.count({ where: gatesWaitingFor(actor) }),
    can(actor.role, "overrides:confirm") ? db().override.count({ where: { status: "PENDING_SECOND_APPROVAL", requestedById: { not: actor.userId } } }) : 0,
    // A policy change that relaxes a control waits for a PS leader who did not propose it.
    actor.role === "PS_LEADER" ? db().policyVersion.count({ where: { status: "PENDING_APPROVAL", OR: [{ createdById: null }, { createdById: { not: actor.userId } }] } }) : 0,
  ]);
  return gates + overrides + policyChanges;
}

export interface InboxGate {
  stageId: string;
  stage: StageKey;
  stageLabel: string;
  handoffId: string;
  number: number;
  title: string;
  customerName: string;
  riskLevel: string;
  submittedBy: string | null;
  submittedAt: string | null;
  /** How long the gate has waited for a decision, in milliseconds (since it was submitted). */
  waitedMs: number;
  /** When the stage is due under its SLA, and whether that has passed. */
  dueAt: string | null;
  overdue: boolean;
  evidence: { label: string; url: string | null; note: string | null; capturedBy: string | null }[];
  missing: string[];
}

export interface InboxAcknowledgement {
  handoffId: string;
  number: number;
  title: string;
  customerName: string;
  openRisks: number;
  stageStatus: string;
  /** How long the acknowledgement has been owed, in milliseconds (since the stage was entered). */
  waitedMs: number;
  dueAt: string | null;
  overdue: boolean;
}

export async function listInbox(actor: Actor, take = 50): Promise<{ gates: InboxGate[]; acknowledgements: InboxAcknowledgement[] }> {
  if (!can(actor.role, "approvals:inbox")) return { gates: [], acknowledgements: [] };

  const [stages, acks] = await Promise.all([
    actor.role === "DELIVERY_LEAD"
      ? Promise.resolve([])
      : db().handoffStage.findMany({
          where: gatesWaitingFor(actor),
          // Oldest first: the gate that has waited longest is decided first.
          orderBy: [{ submittedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
          take,
          include: {
            submittedBy: { select: { name: true } },
            handoff: { select: { id: true, number: true, title: true, customerName: true, riskLevel: true, status: true } },
            evidence: { orderBy: { capturedAt: "asc" }, include: { capturedBy: { select: { name: true } } } },
          },
        }),
    actor.role !== "DELIVERY_LEAD"
      ? Promise.resolve([])
      : db().handoff.findMany({
          where: acknowledgementsWaitingFor(actor),
          orderBy: { stageEnteredAt: "asc" },
          take,
          select: {
            id: true,
            number: true,
            title: true,
            customerName: true,
            stageStatus: true,
            stageEnteredAt: true,
            dueAt: true,
            status: true,
            _count: { select: { risks: { where: { status: "OPEN" } } } },
          },
        }),
  ]);

  const now = Date.now();
  return {
    gates: stages.map((s) => {
      const def = stageDefinition(s.key);
      return {
        stageId: s.id,
        stage: s.key,
        stageLabel: def.label,
        handoffId: s.handoff.id,
        number: s.handoff.number,
        title: s.handoff.title,
        customerName: s.handoff.customerName,
        riskLevel: s.handoff.riskLevel,
        submittedBy: s.submittedBy?.name ?? null,
        submittedAt: s.submittedAt?.toISOString() ?? null,
        waitedMs: s.submittedAt ? Math.max(0, now - s.submittedAt.getTime()) : 0,
        dueAt: s.dueAt?.toISOString() ?? null,
        // The gate's own due time, on the handoff's clock (paused while it is on hold).
        overdue: isOverdue({ dueAt: s.dueAt, status: s.handoff.status }, now),
        evidence: s.evidence.map((e) => ({
          label: e.label,
          url: e.url,
          note: noteOf(e.data),
          capturedBy: e.capturedBy?.name ?? null,
        })),
        missing: missingEvidence(def, { status: s.status, submittedById: s.submittedById, evidenceKeys: s.evidence.map((e) => e.requirementKey) }),
      };
    }),
    acknowledgements: acks.map((h) => ({
      handoffId: h.id,
      number: h.number,
      title: h.title,
      customerName: h.customerName,
      openRisks: h._count.risks,
      stageStatus: h.stageStatus,
      waitedMs: Math.max(0, now - h.stageEnteredAt.getTime()),
      dueAt: h.dueAt?.toISOString() ?? null,
      overdue: isOverdue(h, now),
    })),
  };
}
