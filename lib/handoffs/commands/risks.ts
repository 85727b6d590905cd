import type { CommandHandler, CommandOf } from "./context.ts";

/** The delivery lead's side: acknowledge the handoff (accepting every open risk), or decide risk by risk. */

export const acknowledge: CommandHandler<CommandOf<"ACKNOWLEDGE">> = async (ctx, command) => {
  const { tx, actor, handoffId, now, stageRow, audit } = ctx;
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
  ctx.patch.acknowledgedAt = now;
  ctx.patch.acknowledgedById = actor.userId;
  await audit("handoff.acknowledged", { acceptedRisks: openRisks.map((r) => ({ id: r.id, title: r.title })), comment: command.comment ?? null });
};

export const acceptRisk: CommandHandler<CommandOf<"ACCEPT_RISK">> = async (ctx, command) => {
  const { tx, actor, now, audit } = ctx;
  const risk = await tx.risk.update({ where: { id: command.riskId }, data: { status: "ACCEPTED", acceptedById: actor.userId, acceptedAt: now, comment: null } });
  await audit("risk.accepted", { riskId: risk.id, title: risk.title }, { type: "Risk", id: risk.id });
};

export const rejectRisk: CommandHandler<CommandOf<"REJECT_RISK">> = async (ctx, command) => {
  const { tx, audit } = ctx;
  const risk = await tx.risk.update({ where: { id: command.riskId }, data: { status: "REJECTED", comment: command.comment } });
  await audit("risk.rejected", { riskId: risk.id, title: risk.title, comment: command.comment }, { type: "Risk", id: risk.id });
};

/** The PM answers a rejected risk with a new mitigation (and owner); it is open again. */
export const reviseRisk: CommandHandler<CommandOf<"REVISE_RISK">> = async (ctx, command) => {
  const { tx, audit } = ctx;
  const risk = await tx.risk.update({
    where: { id: command.riskId },
    data: { status: "OPEN", mitigation: command.mitigation, ...(command.ownerName ? { ownerName: command.ownerName } : {}) },
  });
  await audit("risk.revised", { riskId: risk.id, title: risk.title, mitigation: command.mitigation, ownerName: command.ownerName ?? null }, { type: "Risk", id: risk.id });
};
