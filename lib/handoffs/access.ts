import type { Prisma } from "../db/generated/client.ts";
import type { Actor } from "../auth/roles.ts";

/**
 * Which handoffs an actor may see, as a query condition so it is enforced in the
 * database query itself. Sales see the deals they sold; everyone else with
 * `handoffs:view` sees all handoffs (delivery is a shared responsibility).
 */
export function visibleHandoffs(actor: Actor): Prisma.HandoffWhereInput {
  if (actor.role === "SALES") return { salesOwnerId: actor.userId };
  return {};
}
