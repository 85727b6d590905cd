import type { Tx } from "../db/client.ts";
import { notFound } from "../errors.ts";
import { STAGE_KEYS } from "../rules/stages.ts";
import type { LifecycleState } from "./lifecycle.ts";

/**
 * A handoff as the lifecycle rules see it, read in the caller's transaction; with `lock`, under
 * a row lock that serialises every change to that handoff.
 */
export async function loadLifecycleState(tx: Tx, handoffId: string, lock: boolean) {
  if (lock) {
    // Serialises every transition of one handoff: two approvers cannot both win.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Handoff" WHERE id = ${handoffId} FOR UPDATE`;
    if (locked.length === 0) throw notFound("This handoff does not exist.");
  }
  const handoff = await tx.handoff.findUnique({
    where: { id: handoffId },
    include: {
      stages: { include: { evidence: { select: { requirementKey: true } } } },
      deal: { select: { sourceUrl: true } },
      risks: { select: { id: true, status: true, title: true, severity: true, ownerId: true, ownerName: true, mitigation: true } },
    },
  });
  if (!handoff) throw notFound("This handoff does not exist.");

  const stages = Object.fromEntries(
    STAGE_KEYS.map((key) => {
      const row = handoff.stages.find((s) => s.key === key);
      return [
        key,
        {
          status: row?.status ?? "NOT_STARTED",
          submittedById: row?.submittedById ?? null,
          evidenceKeys: [...new Set(row?.evidence.map((e) => e.requirementKey) ?? [])],
        },
      ];
    }),
  ) as unknown as LifecycleState["stages"];

  const issues = Array.isArray(handoff.intakeIssues) ? handoff.intakeIssues.length : 0;
  const overridden = await tx.override.count({ where: { handoffId, kind: "INTAKE_VALIDATION", status: "APPROVED" } });
  const state: LifecycleState = {
    status: handoff.status,
    stage: handoff.stage,
    assignments: {
      psLeaderId: handoff.psLeaderId,
      projectManagerId: handoff.projectManagerId,
      revOpsId: handoff.revOpsId,
      deliveryLeadId: handoff.deliveryLeadId,
    },
    stages,
    acknowledgedAt: handoff.acknowledgedAt,
    kickoffScheduledAt: handoff.kickoffScheduledAt,
    actualKickoffAt: handoff.actualKickoffAt,
    intakeIssueCount: issues,
    intakeOverridden: overridden > 0,
    risks: handoff.risks.map((r) => ({
      id: r.id,
      status: r.status,
      title: r.title,
      severity: r.severity,
      hasOwner: Boolean(r.ownerId || r.ownerName?.trim()),
      mitigation: r.mitigation,
    })),
  };
  return { handoff, state };
}
