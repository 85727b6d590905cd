import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/client.ts";
import type { Role } from "../db/generated/enums.ts";

/** A person acting (lib/auth's Actor fits), or the system under a name. */
export interface AuditActor {
  userId: string;
  role: Role;
  name: string;
}

/**
 * Where an action came from when it did not come from the app: a Slack click. Its ids are
 * written into every audit event the command records, so the trail says which Slack user in
 * which workspace acted, not only whom that user was linked to.
 */
export interface ActionOrigin {
  via: "slack";
  slackUserId: string;
  slackTeamId: string | null;
}

export interface AuditInput {
  actor: AuditActor | { system: string };
  action: string;
  entityType: string;
  entityId: string;
  handoffId?: string | null;
  data?: Prisma.InputJsonValue;
  /** The record an automated decision was based on (CRM deal, vendor object). */
  sourceUrl?: string | null;
  traceId?: string | null;
}

/**
 * Appends an audit event inside the caller's transaction, so the event exists if and
 * only if the change it describes was committed. The table refuses UPDATE and DELETE.
 */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  const human = "userId" in input.actor ? input.actor : null;
  await tx.auditEvent.create({
    data: {
      actorId: human?.userId ?? null,
      actorRole: human?.role ?? null,
      actorLabel: human ? human.name : (input.actor as { system: string }).system,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      handoffId: input.handoffId ?? null,
      data: input.data ?? {},
      sourceUrl: input.sourceUrl ?? null,
      traceId: input.traceId ?? null,
    },
  });
}
