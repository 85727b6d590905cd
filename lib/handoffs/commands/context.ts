import type { Prisma } from "../../db/generated/client.ts";
import type { HandoffStatus, StageKey, StageStatus } from "../../db/generated/enums.ts";
import type { Tx } from "../../db/client.ts";
import type { Actor } from "../../auth/roles.ts";
import type { Command, LifecycleState } from "../lifecycle.ts";
import type { loadLifecycleState } from "../state.ts";

export const HOUR = 3_600_000;

type LoadedHandoff = Awaited<ReturnType<typeof loadLifecycleState>>["handoff"];

/** Where the handoff goes once the command is applied. */
export interface NextState {
  stage: StageKey;
  stageStatus: StageStatus;
  status: HandoffStatus;
  submittedById: string | null;
}

/**
 * What a command works with: the transaction, the locked handoff and its lifecycle state (the
 * rules already allowed the command), and where to write. A command records its own audit
 * events and rows, and says where the handoff goes by changing `next` and `patch`; the workflow
 * then writes the handoff, whose move it is, its completeness and the delivery outputs.
 */
export interface CommandContext {
  tx: Tx;
  actor: Actor;
  handoffId: string;
  handoff: LoadedHandoff;
  state: LifecycleState;
  now: Date;
  next: NextState;
  patch: Prisma.HandoffUpdateInput;
  stageRow: (key: StageKey) => LoadedHandoff["stages"][number] | undefined;
  audit: (action: string, data: Prisma.InputJsonObject, entity?: { type: string; id: string }) => Promise<void>;
}

export type CommandHandler<C extends Command> = (ctx: CommandContext, command: C) => Promise<void>;

/** One handler per command type: adding a command to the lifecycle without one fails to compile. */
export type CommandRegistry = { [T in Command["type"]]: CommandHandler<CommandOf<T>> };

/** The command of one type. */
export type CommandOf<T extends Command["type"]> = Extract<Command, { type: T }>;
