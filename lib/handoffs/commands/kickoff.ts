import type { Tx } from "../../db/client.ts";
import { stageDefinition } from "../../rules/stages.ts";
import type { CommandHandler, CommandOf } from "./context.ts";

/** After acknowledgement: the kickoff date, the client's confirmation, the kickoff held; and scope changes at any time. */

export const scheduleKickoff: CommandHandler<CommandOf<"SCHEDULE_KICKOFF">> = async (ctx, command) => {
  const { audit } = ctx;
  ctx.patch.kickoffScheduledAt = new Date(`${command.date}T09:00:00.000Z`);
  await audit("kickoff.scheduled", { date: command.date });
};

export const confirmClientDates: CommandHandler<CommandOf<"CONFIRM_CLIENT_DATES">> = async (ctx) => {
  const { tx, actor, handoffId, state, now, stageRow, audit } = ctx;
  ctx.patch.clientDateConfirmedAt = now;
  await audit("client_dates.confirmed", {});
  // The same click is the Kickoff & QA gate's evidence: it shows as captured at once.
  if (stageRow("KICKOFF_QA") && !state.stages.KICKOFF_QA.evidenceKeys.includes("client_dates_confirmed")) {
    await recordClientDates(tx, handoffId, now, actor.userId);
  }
};

export const recordKickoff: CommandHandler<CommandOf<"RECORD_KICKOFF">> = async (ctx, command) => {
  const { tx, actor, stageRow, audit } = ctx;
  const heldAt = new Date(`${command.date}T09:00:00.000Z`);
  ctx.patch.actualKickoffAt = heldAt;
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
};

export const logScopeChange: CommandHandler<CommandOf<"LOG_SCOPE_CHANGE">> = async (ctx, command) => {
  const { tx, actor, handoffId, now, audit } = ctx;
  // An incident when the implementation brief had already been signed off: what was agreed moved.
  const briefApproved = await tx.approval.count({ where: { decision: "APPROVED", stage: { handoffId, key: "IMPLEMENTATION_BRIEF" } } });
  const change = await tx.scopeChange.create({
    data: { handoffId, description: command.description, afterBrief: briefApproved > 0, loggedById: actor.userId, loggedAt: now },
  });
  await audit("scope.changed", { description: command.description, afterBrief: change.afterBrief }, { type: "ScopeChange", id: change.id });
};

/** The Kickoff & QA gate's “Client dates confirmed”, recorded by “Confirm client dates”. */
export async function recordClientDates(tx: Tx, handoffId: string, confirmedAt: Date, capturedById: string | null) {
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
