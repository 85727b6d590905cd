import type { Tx } from "../db/client.ts";
import { parseIntakeIssues } from "../intake/issues.ts";
import { currentIntakePolicy } from "../intake/policy-store.ts";
import { completenessScore } from "../rules/completeness.ts";
import { STAGES } from "./stages.ts";

/**
 * Recomputes the completeness score kept on the handoff (lib/rules/completeness.ts), inside the
 * transaction of every change that can move it.
 */
export async function recomputeCompleteness(tx: Tx, handoffId: string): Promise<number> {
  const { policy } = await currentIntakePolicy(tx);
  const h = await tx.handoff.findUniqueOrThrow({
    where: { id: handoffId },
    select: {
      intakeIssues: true,
      stages: { select: { key: true, status: true, evidence: { select: { requirementKey: true } } } },
      risks: { select: { ownerId: true, ownerName: true, mitigation: true } },
      commitments: { select: { dueDate: true, ownerName: true } },
    },
  });
  let required = 0;
  let captured = 0;
  for (const def of STAGES) {
    const stage = h.stages.find((s) => s.key === def.key);
    if (!stage || stage.status === "NOT_STARTED") continue;
    const keys = new Set(stage.evidence.map((e) => e.requirementKey));
    required += def.evidence.length;
    captured += def.evidence.filter((r) => keys.has(r.key)).length;
  }
  const fieldsWithIssues = new Set(parseIntakeIssues(h.intakeIssues).map((i) => i.field)).size;
  const score = completenessScore({
    fields: { total: policy.fields.length, withIssues: fieldsWithIssues },
    evidence: { required, captured },
    risks: { total: h.risks.length, complete: h.risks.filter((r) => (r.ownerId || r.ownerName?.trim()) && r.mitigation?.trim()).length },
    commitments: { total: h.commitments.length, complete: h.commitments.filter((c) => c.dueDate && c.ownerName?.trim()).length },
  });
  await tx.handoff.update({ where: { id: handoffId }, data: { completenessScore: score } });
  return score;
}
