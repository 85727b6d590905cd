import type { Prisma } from "../db/generated/client.ts";
import type { Actor } from "./roles.ts";
import { db } from "../db/client.ts";
import { isRecordId } from "../db/ids.ts";
import { notFound } from "../errors.ts";

/**
 * Which handoffs an actor may see, as a query condition so it is enforced in the
 * database query itself. Sales see the deals they sold; everyone else with
 * `handoffs:view` sees all handoffs (delivery is a shared responsibility).
 */
export function visibleHandoffs(actor: Actor): Prisma.HandoffWhereInput {
  if (actor.role === "SALES") return { salesOwnerId: actor.userId };
  return {};
}

/**
 * Refuses a handoff that does not exist or that the actor may not see with one answer, a 404:
 * whether someone else's handoff exists is itself not the actor's to know.
 */
export async function assertHandoffVisible(client: { handoff: { count(args: { where: Prisma.HandoffWhereInput }): Prisma.PrismaPromise<number> } }, actor: Actor, handoffId: string): Promise<void> {
  const visible = isRecordId(handoffId) && (await client.handoff.count({ where: { AND: [{ id: handoffId }, visibleHandoffs(actor)] } }));
  if (!visible) throw notFound("This handoff does not exist or you cannot see it.");
}

/** For pages: whether the handoff exists and the actor may see it (a page answers 404 when not). */
export async function handoffVisible(actor: Actor, handoffId: string): Promise<boolean> {
  return isRecordId(handoffId) && (await db().handoff.count({ where: { AND: [{ id: handoffId }, visibleHandoffs(actor)] } })) > 0;
}
