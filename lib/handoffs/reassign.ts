import { z } from "zod";
import type { Role } from "../db/generated/enums.ts";
import { db } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { refreshDeliveryOutputs } from "../delivery/outputs.ts";
import { conflict, forbidden, invalid, notFound } from "../errors.ts";
import { visibleHandoffs } from "../auth/handoff-access.ts";
import { waitingOnFor } from "../rules/waiting-on.ts";

/**
 * Reassigning a handoff's project manager, delivery lead or PS leader owner. PS leaders and
 * RevOps may do it on any handoff that is not closed. The new person must hold the role.
 * Whose move it is (and so "Waiting for me" and the Approvals inbox) follows at once, the
 * delivery outputs that name the owners sync again, and the change is audited.
 */

export const REASSIGNABLE = {
  projectManager: { column: "projectManagerId", role: "PROJECT_MANAGER", label: "Project manager", noun: "project manager" },
  deliveryLead: { column: "deliveryLeadId", role: "DELIVERY_LEAD", label: "Delivery lead", noun: "delivery lead" },
  psLeader: { column: "psLeaderId", role: "PS_LEADER", label: "PS leader", noun: "PS leader" },
} as const satisfies Record<string, { column: string; role: Role; label: string; noun: string }>;
export type ReassignableRole = keyof typeof REASSIGNABLE;

export const reassignSchema = z.object({
  role: z.enum(Object.keys(REASSIGNABLE) as [ReassignableRole, ...ReassignableRole[]], { error: "Say which assignment to change: project manager, delivery lead or PS leader." }),
  userId: z.string().trim().min(1, "Pick the person to assign.").max(64),
});

export function mayReassign(actor: Actor, h: { status: string }): boolean {
  return can(actor.role, "handoffs:reassign") && h.status !== "COMPLETED" && h.status !== "CANCELLED";
}

/** The people who can take a role over, for the reassign menus. */
export async function assignableCandidates() {
  const people = await db().user.findMany({
    where: { active: true, role: { in: ["PROJECT_MANAGER", "DELIVERY_LEAD", "PS_LEADER"] } },
    select: { id: true, name: true, role: true, team: true },
    orderBy: { name: "asc" },
  });
  return Object.fromEntries(
    (Object.keys(REASSIGNABLE) as ReassignableRole[]).map((key) => [key, people.filter((p) => p.role === REASSIGNABLE[key].role).map(({ id, name, team }) => ({ id, name, team }))]),
  ) as Record<ReassignableRole, { id: string; name: string; team: string | null }[]>;
}

export async function reassignHandoff(actor: Actor, handoffId: string, input: unknown) {
  // Who may act comes before what they sent: a refused person learns nothing from a 422.
  const visible = await db().handoff.findFirst({ where: { AND: [{ id: handoffId }, visibleHandoffs(actor)] }, select: { id: true } });
  if (!visible) throw notFound("This handoff does not exist or you cannot see it.");
  if (!can(actor.role, "handoffs:reassign")) throw forbidden("Only PS leaders and RevOps can reassign a handoff.");
  const parsed = reassignSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0].message);
  const { role, userId } = parsed.data;
  const slot = REASSIGNABLE[role];

  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Handoff" WHERE id = ${handoffId} FOR UPDATE`;
    const h = await tx.handoff.findFirst({
      where: { AND: [{ id: handoffId }, visibleHandoffs(actor)] },
      select: {
        status: true,
        stage: true,
        stageStatus: true,
        psLeaderId: true,
        projectManagerId: true,
        revOpsId: true,
        deliveryLeadId: true,
        stages: { select: { key: true, submittedById: true } },
      },
    });
    if (!h) throw notFound("This handoff does not exist or you cannot see it.");
    if (!can(actor.role, "handoffs:reassign")) throw forbidden("Only PS leaders and RevOps can reassign a handoff.");
    if (!mayReassign(actor, h)) throw conflict("This handoff is closed: its people can no longer change.");
    const person = await tx.user.findFirst({ where: { id: userId, active: true }, select: { id: true, name: true, role: true } });
    if (!person) throw notFound("This person does not exist or is no longer active.");
    if (person.role !== slot.role) throw invalid(`${person.name} is not a ${slot.noun}: pick someone who holds that role.`);
    const before = h[slot.column];
    if (before === person.id) return { changed: false, name: person.name };

    const assignments = { psLeaderId: h.psLeaderId, projectManagerId: h.projectManagerId, revOpsId: h.revOpsId, deliveryLeadId: h.deliveryLeadId, [slot.column]: person.id };
    const submittedById = h.stages.find((s) => s.key === h.stage)?.submittedById ?? null;
    const waitingOnId = waitingOnFor(h.stage, h.stageStatus, h.status, assignments, submittedById);
    await tx.handoff.update({ where: { id: handoffId }, data: { [slot.column]: person.id, waitingOnId } });
    const previous = before ? await tx.user.findUnique({ where: { id: before }, select: { name: true } }) : null;
    await recordAudit(tx, {
      actor,
      action: "handoff.reassigned",
      entityType: "Handoff",
      entityId: handoffId,
      handoffId,
      data: { role, from: previous?.name ?? null, fromId: before, to: person.name, toId: person.id },
    });
    await refreshDeliveryOutputs(tx, handoffId);
    return { changed: true, name: person.name };
  });
}
