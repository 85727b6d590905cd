import type { HandoffStatus, StageKey, StageStatus } from "../db/generated/enums.ts";
import { db, type Tx } from "../db/client.ts";
import type { Actor } from "../auth/roles.ts";
import { assertHandoffVisible } from "../auth/handoff-access.ts";
import { recordAudit, type ActionOrigin } from "../audit/record.ts";
import { refreshDeliveryOutputs } from "../delivery/outputs.ts";
import { parseInput } from "../errors.ts";
import { recomputeCompleteness } from "../intake/completeness.ts";
import { waitingOnFor } from "../rules/waiting-on.ts";
import { COMMANDS } from "./commands/index.ts";
import type { CommandContext, CommandHandler } from "./commands/context.ts";
import { assertAllowed, commandSchema, type Command, type LifecycleState } from "./lifecycle.ts";
import { loadLifecycleState } from "./state.ts";

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
 * The one way a handoff changes: lock it, check the rules and the actor's permission, apply the
 * command (lib/handoffs/commands, one handler per command), then write where the handoff now
 * stands, whose move it is, its completeness, and the delivery outputs that follow it — with the
 * audit events, in one transaction.
 */
export async function transitionHandoff(actor: Actor, handoffId: string, input: unknown, options: TransitionOptions = {}): Promise<TransitionResult> {
  const command = parseInput(commandSchema, input);
  return db().$transaction(async (tx) => {
    await assertHandoffVisible(tx, actor, handoffId);
    const { handoff, state } = await loadLifecycleState(tx, handoffId, true);
    assertAllowed(state, actor, command);
    const ctx = commandContext(tx, actor, handoff, state, options);
    await (COMMANDS[command.type] as CommandHandler<Command>)(ctx, command);
    return applyOutcome(ctx);
  });
}

function commandContext(tx: Tx, actor: Actor, handoff: CommandContext["handoff"], state: LifecycleState, options: TransitionOptions): CommandContext {
  const handoffId = handoff.id;
  return {
    tx,
    actor,
    handoffId,
    handoff,
    state,
    now: new Date(),
    next: { stage: handoff.stage, stageStatus: state.stages[handoff.stage].status, status: handoff.status, submittedById: state.stages[handoff.stage].submittedById },
    patch: {},
    stageRow: (key) => handoff.stages.find((s) => s.key === key),
    audit: (action, data, entity) =>
      recordAudit(tx, {
        actor,
        action,
        entityType: entity?.type ?? "Handoff",
        entityId: entity?.id ?? handoffId,
        handoffId,
        data: options.origin ? { ...data, ...options.origin } : data,
      }),
  };
}

/** Writes where the command left the handoff, whose move it is now, and what follows from it. */
async function applyOutcome({ tx, handoffId, state, next, patch }: CommandContext): Promise<TransitionResult> {
  // A rejected risk sends the acknowledgement back to the PM until they revise it.
  const riskRejected = next.stage === "ACKNOWLEDGEMENT" && (await tx.risk.count({ where: { handoffId, status: "REJECTED" } })) > 0;
  const waitingOn = riskRejected ? state.assignments.projectManagerId : waitingOnFor(next.stage, next.stageStatus, next.status, state.assignments, next.submittedById);
  const updated = await tx.handoff.update({
    where: { id: handoffId },
    data: { ...patch, stage: next.stage, stageStatus: next.stageStatus, status: next.status, waitingOn: waitingOn ? { connect: { id: waitingOn } } : { disconnect: true } },
  });
  await recomputeCompleteness(tx, handoffId);
  // The tools follow the handoff: whatever this changed is synced with the change.
  await refreshDeliveryOutputs(tx, handoffId);
  return { handoffId, stage: updated.stage, stageStatus: updated.stageStatus, status: updated.status };
}

export type { Command };
