import type { Role } from "../db/generated/enums.ts";
import type { Tx } from "../db/client.ts";

const OPEN = ["IN_PROGRESS", "INTAKE_BLOCKED", "ON_HOLD"] as const;

const COLUMN: Partial<Record<Role, "projectManagerId" | "psLeaderId" | "revOpsId" | "deliveryLeadId">> = {
  PROJECT_MANAGER: "projectManagerId",
  PS_LEADER: "psLeaderId",
  REVOPS: "revOpsId",
  DELIVERY_LEAD: "deliveryLeadId",
};

/** The active person of a role carrying the fewest open handoffs (ties: alphabetical). */
export async function leastLoaded(tx: Tx, role: Role): Promise<string | null> {
  const column = COLUMN[role];
  if (!column) return null;
  const people = await tx.user.findMany({ where: { role, active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  if (people.length === 0) return null;
  const loads = await tx.handoff.groupBy({
    by: [column],
    where: { [column]: { in: people.map((p) => p.id) }, status: { in: [...OPEN] } },
    _count: { _all: true },
  });
  const load = new Map(loads.map((l) => [(l as Record<string, unknown>)[column] as string, l._count._all]));
  return people.reduce((best, p) => ((load.get(p.id) ?? 0) < (load.get(best.id) ?? 0) ? p : best), people[0]).id;
}

/** The app user behind a CRM owner: by HubSpot owner id, else by email. */
export async function userForCrmOwner(tx: Tx, owner: { id: string; email: string | null } | null): Promise<string | null> {
  if (!owner) return null;
  const user = await tx.user.findFirst({
    where: { active: true, OR: [{ hubspotOwnerId: owner.id }, ...(owner.email ? [{ email: owner.email }] : [])] },
    select: { id: true },
  });
  return user?.id ?? null;
}
