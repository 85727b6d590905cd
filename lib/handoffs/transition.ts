import type { Prisma } from "../db/generated/client.ts";
import type { HandoffStatus, StageKey, StageStatus } from "../db/generated/enums.ts";
import { db, type Tx } from "../db/client.ts";
import type { Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { briefContent, type BriefContent } from "../delivery/brief.ts";
import { loadDeliveryModel, type DeliveryModel } from "../delivery/model.ts";
import { briefApprovable, publishedBriefRevision, refreshDeliveryOutputs } from "../delivery/outputs.ts";
import { recomputeCompleteness } from "./completeness.ts";
import { conflict, notFound, parseInput } from "../errors.ts";
import { assertHandoffVisible } from "./access.ts";
import { assertAllowed, commandSchema, type Command, type LifecycleState } from "./lifecycle.ts";
import { STAGE_KEYS, nextStage, stageDefinition, type Assignment } from "./stages.ts";

const HOUR = 3_600_000;

interface Assignments {
  psLeaderId: string | null;
  projectManagerId: string | null;
  revOpsId: string | null;
  deliveryLeadId: string | null;
}

/** Whose move it is for a stage in a given status. */
export function waitingOnFor(
  stage: StageKey,
  status: StageStatus,
  handoffStatus: HandoffStatus,
  assignments: Assignments,
  submittedById: string | null,
): string | null {
  if (handoffStatus === "COMPLETED" || handoffStatus === "CANCELLED") return null;
  if (status === "AWAITING_APPROVAL") {
    const pm = assignments.projectManagerId;
    return pm && pm !== submittedById ? pm : assignments.psLeaderId;
  }
  const owner: Assignment = stageDefinition(stage).owner;
  return assignments[`${owner}Id`];
}

export async function loadLifecycleState(tx: Tx, handoffId: string, lock: boolean) {
  if (lock) {
    // Serialises every transition of one handoff: two approvers cannot both win.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Handoff" WHERE id = ${handoffId} FOR UPDATE`;
    if (locked.length === 0) throw notFound("This handoff does not exist.");
  }
  const handoff = await tx.handoff.findUnique({
    where: { id: handoffId },
    include: {
      stages: { include: { evidence: { select: { requirementKey: true } } } },
      deal: { select: { sourceUrl: true } },
      risks: { select: { id: true, status: true, title: true, severity: true, ownerId: true, ownerName: true, mitigation: true } },
    },
  });
  if (!handoff) throw notFound("This handoff does not exist.");

  const stages = Object.fromEntries(
    STAGE_KEYS.map((key) => {
      const row = handoff.stages.find((s) => s.key === key);
      return [
        key,
        {
          status: row?.status ?? "NOT_STARTED",
          submittedById: row?.submittedById ?? null,
          evidenceKeys: [...new Set(row?.evidence.map((e) => e.requirementKey) ?? [])],
        },
      ];
    }),
  ) as unknown as LifecycleState["stages"];

  const issues = Array.isArray(handoff.intakeIssues) ? handoff.intakeIssues.length : 0;
  const overridden = await tx.override.count({ where: { handoffId, kind: "INTAKE_VALIDATION", status: "APPROVED" } });
  const state: LifecycleState = {
    status: handoff.status,
    stage: handoff.stage,
    assignments: {
      psLeaderId: handoff.psLeaderId,
      projectManagerId: handoff.projectManagerId,
      revOpsId: handoff.revOpsId,
      deliveryLeadId: handoff.deliveryLeadId,
    },
    stages,
    acknowledgedAt: handoff.acknowledgedAt,
    kickoffScheduledAt: handoff.kickoffScheduledAt,
    actualKickoffAt: handoff.actualKickoffAt,
    intakeIssueCount: issues,
    intakeOverridden: overridden > 0,
    risks: handoff.risks.map((r) => ({
      id: r.id,
      status: r.status,
      title: r.title,
      severity: r.severity,
      hasOwner: Boolean(r.ownerId || r.ownerName?.trim()),
      mitigation: r.mitigation,
    })),
  };
  return { handoff, state };
}

/**
 * Where a command came from when it did not come from the app: a Slack click. Its ids are
 * written into every audit event the command records, so the trail says which Slack user in
 * which workspace acted, not only whom that user was linked to.
 */
export interface ActionOrigin {
  via: "slack";
  slackUserId: string;
  slackTeamId: string | null;
}

export interface TransitionOptions {
  origin?: ActionOrigin;
}

export interface TransitionResult {
  handoffId: string;
  stage: StageKey;
  stageStatus: StageStatus;
  status: HandoffStatus;
}

/**
 * The one way a handoff changes stage or gate state. Checks the rules and the actor's
 * permission under a row lock, applies the change, writes the audit event, and
 * commits all of it in one transaction.
 */
export async function transitionHandoff(actor: Actor, handoffId: string, input: unknown, options: TransitionOptions = {}): Promise<TransitionResult> {
  const command = parseInput(commandSchema, input);

  return db().$transaction(async (tx) => {
    await assertHandoffVisible(tx, actor, handoffId);
    const { handoff, state } = await loadLifecycleState(tx, handoffId, true);
    assertAllowed(state, actor, command);
    const now = new Date();
    const stageRow = (key: StageKey) => handoff.stages.find((s) => s.key === key);
    const audit = (action: string, data: Prisma.InputJsonObject, entity?: { type: string; id: string }) =>
      recordAudit(tx, {
        actor,
        action,
        entityType: entity?.type ?? "Handoff",
        entityId: entity?.id ?? handoffId,
        handoffId,
        data: options.origin ? { ...data, ...options.origin } : data,
      });

    let next: { stage: StageKey; stageStatus: StageStatus; status: HandoffStatus; submittedById: string | null } = {
      stage: handoff.stage,
      stageStatus: state.stages[handoff.stage].status,
      status: handoff.status,
      submittedById: state.stages[handoff.stage].submittedById,
    };
    const handoffPatch: Prisma.HandoffUpdateInput = {};

    switch (command.type) {
      case "START_STAGE": {
        const def = stageDefinition(command.stage);
        await tx.handoffStage.upsert({
          where: { handoffId_key: { handoffId, key: command.stage } },
          create: { handoffId, key: command.stage, status: "IN_PROGRESS", startedAt: now, dueAt: new Date(now.getTime() + def.slaHours * HOUR) },
          update: { status: "IN_PROGRESS", startedAt: now, dueAt: new Date(now.getTime() + def.slaHours * HOUR) },
        });
        next = { ...next, stageStatus: "IN_PROGRESS" };
        handoffPatch.stageEnteredAt = now;
        handoffPatch.dueAt = new Date(now.getTime() + def.slaHours * HOUR);
        await audit("stage.started", { stage: command.stage });
        // Client dates confirmed while the handoff was still on its way count as the gate's evidence.
        if (command.stage === "KICKOFF_QA" && handoff.clientDateConfirmedAt && !state.stages.KICKOFF_QA.evidenceKeys.includes("client_dates_confirmed")) {
          const confirmed = await tx.auditEvent.findFirst({ where: { handoffId, action: "client_dates.confirmed" }, orderBy: { id: "desc" }, select: { actorId: true } });
          await recordClientDates(tx, handoffId, handoff.clientDateConfirmedAt, confirmed?.actorId ?? null);
        }
        break;
      }

      case "CAPTURE_EVIDENCE": {
        const def = stageDefinition(command.stage);
        const requirement = def.evidence.find((r) => r.key === command.requirementKey)!;
        const row = stageRow(command.stage)!;
        const evidence = await tx.evidence.create({
          data: {
            stageId: row.id,
            requirementKey: requirement.key,
            kind: requirement.kind,
            label: requirement.label,
            url: command.url || null,
            data: command.note ? { note: command.note } : undefined,
            capturedById: actor.userId,
          },
        });
        await audit(
          "evidence.captured",
          { stage: command.stage, requirementKey: requirement.key, url: command.url ?? null, note: command.note ?? null },
          { type: "Evidence", id: evidence.id },
        );
        break;
      }

      case "SUBMIT_GATE": {
        await tx.handoffStage.update({
          where: { handoffId_key: { handoffId, key: command.stage } },
          data: { status: "AWAITING_APPROVAL", submittedAt: now, submittedById: actor.userId },
        });
        next = { ...next, stageStatus: "AWAITING_APPROVAL", submittedById: actor.userId };
        await audit("gate.submitted", { stage: command.stage });
        break;
      }

      case "APPROVE_GATE":
      case "REQUEST_CHANGES": {
        const approved = command.type === "APPROVE_GATE";
        // The brief signed off is the one Notion holds; its content is kept as the approval's evidence.
        const brief = approved && command.stage === "IMPLEMENTATION_BRIEF" ? await loadDeliveryModel(tx, handoffId) : null;
        if (brief) await assertBriefPublished(tx, handoffId, briefContent(brief));
        const row = await tx.handoffStage.update({
          where: { handoffId_key: { handoffId, key: command.stage } },
          data: { status: approved ? "APPROVED" : "CHANGES_REQUESTED", decidedAt: now, decidedById: actor.userId },
        });
        await tx.approval.create({
          data: {
            stageId: row.id,
            actorId: actor.userId,
            decision: approved ? "APPROVED" : "CHANGES_REQUESTED",
            comment: command.comment || null,
          },
        });
        if (approved) {
          const following = nextStage(command.stage);
          if (following) {
            await tx.handoffStage.upsert({
              where: { handoffId_key: { handoffId, key: following } },
              create: { handoffId, key: following, status: "NOT_STARTED" },
              update: {},
            });
            next = { stage: following, stageStatus: "NOT_STARTED", status: next.status, submittedById: null };
            handoffPatch.stageEnteredAt = now;
            handoffPatch.dueAt = new Date(now.getTime() + stageDefinition(following).slaHours * HOUR);
          } else {
            next = { ...next, stageStatus: "APPROVED", status: "COMPLETED" };
            handoffPatch.completedAt = now;
            handoffPatch.dueAt = null;
          }
        } else {
          next = { ...next, stageStatus: "CHANGES_REQUESTED" };
        }
        if (brief) await snapshotApprovedBrief(tx, brief, row.id, actor);
        await audit(approved ? "gate.approved" : "gate.changes_requested", {
          stage: command.stage,
          comment: command.comment ?? null,
        });
        break;
      }

      case "ACKNOWLEDGE": {
        const row = stageRow("ACKNOWLEDGEMENT")!;
        const openRisks = await tx.risk.findMany({ where: { handoffId, status: "OPEN" }, select: { id: true, title: true } });
        await tx.risk.updateMany({
          where: { handoffId, status: "OPEN" },
          data: { status: "ACCEPTED", acceptedById: actor.userId, acceptedAt: now },
        });
        await tx.evidence.createMany({
          data: [
            {
              stageId: row.id,
              requirementKey: "lead_acknowledged",
              kind: "CHECK",
              label: "Delivery lead acknowledged the handoff",
              data: { comment: command.comment ?? null },
              capturedById: actor.userId,
            },
            {
              stageId: row.id,
              requirementKey: "risks_accepted",
              kind: "CHECK",
              label: "Open risks accepted",
              data: { risks: openRisks.map((r) => r.title) },
              capturedById: actor.userId,
            },
          ],
        });
        handoffPatch.acknowledgedAt = now;
        handoffPatch.acknowledgedById = actor.userId;
        await audit("handoff.acknowledged", { acceptedRisks: openRisks.map((r) => ({ id: r.id, title: r.title })), comment: command.comment ?? null });
        break;
      }

      case "ACCEPT_RISK": {
        const risk = await tx.risk.update({ where: { id: command.riskId }, data: { status: "ACCEPTED", acceptedById: actor.userId, acceptedAt: now, comment: null } });
        await audit("risk.accepted", { riskId: risk.id, title: risk.title }, { type: "Risk", id: risk.id });
        break;
      }

      case "REJECT_RISK": {
        const risk = await tx.risk.update({ where: { id: command.riskId }, data: { status: "REJECTED", comment: command.comment } });
        await audit("risk.rejected", { riskId: risk.id, title: risk.title, comment: command.comment }, { type: "Risk", id: risk.id });
        break;
      }

      case "REVISE_RISK": {
        const risk = await tx.risk.update({
          where: { id: command.riskId },
          data: { status: "OPEN", mitigation: command.mitigation, ...(command.ownerName ? { ownerName: command.ownerName } : {}) },
        });
        await audit("risk.revised", { riskId: risk.id, title: risk.title, mitigation: command.mitigation, ownerName: command.ownerName ?? null }, { type: "Risk", id: risk.id });
        break;
      }

      case "SCHEDULE_KICKOFF": {
        handoffPatch.kickoffScheduledAt = new Date(`${command.date}T09:00:00.000Z`);
        await audit("kickoff.scheduled", { date: command.date });
        break;
      }

      case "CONFIRM_CLIENT_DATES": {
        handoffPatch.clientDateConfirmedAt = now;
        await audit("client_dates.confirmed", {});
        // The same click is the Kickoff & QA gate's evidence: it shows as captured at once.
        if (stageRow("KICKOFF_QA") && !state.stages.KICKOFF_QA.evidenceKeys.includes("client_dates_confirmed")) {
          await recordClientDates(tx, handoffId, now, actor.userId);
        }
        break;
      }

      case "RECORD_KICKOFF": {
        const heldAt = new Date(`${command.date}T09:00:00.000Z`);
        handoffPatch.actualKickoffAt = heldAt;
        const evidence = await tx.evidence.create({
          data: {
            stageId: stageRow("KICKOFF_QA")!.id,
            requirementKey: "kickoff_held",
            kind: "NOTE",
            label: stageDefinition("KICKOFF_QA").evidence.find((r) => r.key === "kickoff_held")!.label,
            data: { note: `Held on ${command.date}. ${command.note}`, heldOn: command.date },
            capturedById: actor.userId,
          },
        });
        await audit("kickoff.held", { date: command.date, note: command.note }, { type: "Evidence", id: evidence.id });
        break;
      }

      case "LOG_SCOPE_CHANGE": {
        // An incident when the implementation brief had already been signed off: what was agreed moved.
        const briefApproved = await tx.approval.count({ where: { decision: "APPROVED", stage: { handoffId, key: "IMPLEMENTATION_BRIEF" } } });
        const change = await tx.scopeChange.create({
          data: { handoffId, description: command.description, afterBrief: briefApproved > 0, loggedById: actor.userId, loggedAt: now },
        });
        await audit("scope.changed", { description: command.description, afterBrief: change.afterBrief }, { type: "ScopeChange", id: change.id });
        break;
      }
    }

    const updated = await tx.handoff.update({
      where: { id: handoffId },
      data: {
        ...handoffPatch,
        stage: next.stage,
        stageStatus: next.stageStatus,
        status: next.status,
        waitingOn: connectOrDisconnect(
          next.stage === "ACKNOWLEDGEMENT" && (await tx.risk.count({ where: { handoffId, status: "REJECTED" } })) > 0
            ? state.assignments.projectManagerId
            : waitingOnFor(next.stage, next.stageStatus, next.status, state.assignments, next.submittedById),
        ),
      },
    });
    await recomputeCompleteness(tx, handoffId);
    // The tools follow the handoff: whatever this changed is synced with the change.
    await refreshDeliveryOutputs(tx, handoffId);
    return { handoffId, stage: updated.stage, stageStatus: updated.stageStatus, status: updated.status };
  });
}

/**
 * An approver signs off what the delivery team will read: the brief's current content must be
 * on the Notion page, as Notion confirmed it, before it can be approved.
 */
async function assertBriefPublished(tx: Tx, handoffId: string, content: BriefContent) {
  const published = await publishedBriefRevision(tx, handoffId);
  if (briefApprovable(published, content.revision)) return;
  throw conflict(
    published
      ? `The brief changed since Notion last confirmed it (revision ${published}; now ${content.revision}). Approve once the page is updated — it follows within a minute — so that what you sign off is what the team reads.`
      : "The brief is not on Notion yet. Approve once it is published (see Delivery outputs), so that what you sign off is what the team reads.",
  );
}

/**
 * The evidence of a brief approval: the exact content the approver signed off, with its
 * revision and the page it was published to. Later edits show as "changed after approval".
 */
async function snapshotApprovedBrief(tx: Tx, model: DeliveryModel, stageId: string, actor: Actor) {
  const content = briefContent(model);
  await tx.evidence.create({
    data: {
      stageId,
      requirementKey: "approved_snapshot",
      kind: "SNAPSHOT",
      label: "Brief content approved",
      url: model.links.notion?.url ?? null,
      data: { note: `Revision ${content.revision} approved by ${actor.name}`, revision: content.revision, sections: content.sections as unknown as Prisma.InputJsonValue, decisions: content.decisions },
      capturedById: actor.userId,
    },
  });
}

/** The Kickoff & QA gate's “Client dates confirmed”, recorded by “Confirm client dates”. */
async function recordClientDates(tx: Tx, handoffId: string, confirmedAt: Date, capturedById: string | null) {
  const stage = await tx.handoffStage.findUniqueOrThrow({ where: { handoffId_key: { handoffId, key: "KICKOFF_QA" } }, select: { id: true } });
  const requirement = stageDefinition("KICKOFF_QA").evidence.find((r) => r.key === "client_dates_confirmed")!;
  await tx.evidence.create({
    data: {
      stageId: stage.id,
      requirementKey: requirement.key,
      kind: requirement.kind,
      label: requirement.label,
      data: { note: `Confirmed with the client on ${confirmedAt.toISOString().slice(0, 10)}` },
      capturedById,
      capturedAt: confirmedAt,
    },
  });
}

function connectOrDisconnect(id: string | null) {
  return id ? { connect: { id } } : { disconnect: true };
}

export type { Command };
