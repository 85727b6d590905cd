import type { Prisma } from "../../db/generated/client.ts";
import type { Tx } from "../../db/client.ts";
import type { Actor } from "../../auth/roles.ts";
import { briefContent, type BriefContent } from "../../delivery/brief.ts";
import { loadDeliveryModel, type DeliveryModel } from "../../delivery/model.ts";
import { briefApprovable, publishedBriefRevision } from "../../delivery/outputs.ts";
import { conflict } from "../../errors.ts";
import { nextStage, stageDefinition } from "../../rules/stages.ts";
import { HOUR, type CommandHandler, type CommandOf } from "./context.ts";
import { recordClientDates } from "./kickoff.ts";

/** Working a stage's quality gate: start it, capture its evidence, submit it, decide it. */

export const startStage: CommandHandler<CommandOf<"START_STAGE">> = async (ctx, command) => {
  const { tx, handoffId, handoff, state, now, audit } = ctx;
  const def = stageDefinition(command.stage);
  await tx.handoffStage.upsert({
    where: { handoffId_key: { handoffId, key: command.stage } },
    create: { handoffId, key: command.stage, status: "IN_PROGRESS", startedAt: now, dueAt: new Date(now.getTime() + def.slaHours * HOUR) },
    update: { status: "IN_PROGRESS", startedAt: now, dueAt: new Date(now.getTime() + def.slaHours * HOUR) },
  });
  ctx.next = { ...ctx.next, stageStatus: "IN_PROGRESS" };
  ctx.patch.stageEnteredAt = now;
  ctx.patch.dueAt = new Date(now.getTime() + def.slaHours * HOUR);
  await audit("stage.started", { stage: command.stage });
  // Client dates confirmed while the handoff was still on its way count as the gate's evidence.
  if (command.stage === "KICKOFF_QA" && handoff.clientDateConfirmedAt && !state.stages.KICKOFF_QA.evidenceKeys.includes("client_dates_confirmed")) {
    const confirmed = await tx.auditEvent.findFirst({ where: { handoffId, action: "client_dates.confirmed" }, orderBy: { id: "desc" }, select: { actorId: true } });
    await recordClientDates(tx, handoffId, handoff.clientDateConfirmedAt, confirmed?.actorId ?? null);
  }
};

export const captureEvidence: CommandHandler<CommandOf<"CAPTURE_EVIDENCE">> = async (ctx, command) => {
  const { tx, actor, stageRow, audit } = ctx;
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
};

export const submitGate: CommandHandler<CommandOf<"SUBMIT_GATE">> = async (ctx, command) => {
  const { tx, actor, handoffId, now, audit } = ctx;
  await tx.handoffStage.update({
    where: { handoffId_key: { handoffId, key: command.stage } },
    data: { status: "AWAITING_APPROVAL", submittedAt: now, submittedById: actor.userId },
  });
  ctx.next = { ...ctx.next, stageStatus: "AWAITING_APPROVAL", submittedById: actor.userId };
  await audit("gate.submitted", { stage: command.stage });
};

/** Approve (the next stage opens, or the handoff completes) or send back with changes requested. */
export const decideGate: CommandHandler<CommandOf<"APPROVE_GATE" | "REQUEST_CHANGES">> = async (ctx, command) => {
  const { tx, actor, handoffId, now, audit } = ctx;
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
      ctx.next = { ...ctx.next, stage: following, stageStatus: "NOT_STARTED", submittedById: null };
      ctx.patch.stageEnteredAt = now;
      ctx.patch.dueAt = new Date(now.getTime() + stageDefinition(following).slaHours * HOUR);
    } else {
      ctx.next = { ...ctx.next, stageStatus: "APPROVED", status: "COMPLETED" };
      ctx.patch.completedAt = now;
      ctx.patch.dueAt = null;
    }
  } else {
    ctx.next = { ...ctx.next, stageStatus: "CHANGES_REQUESTED" };
  }
  if (brief) await snapshotApprovedBrief(tx, brief, row.id, actor);
  await audit(approved ? "gate.approved" : "gate.changes_requested", {
    stage: command.stage,
    comment: command.comment ?? null,
  });
};

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
