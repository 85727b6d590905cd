import type { Tx } from "../db/client.ts";
import { parseIntakeIssues } from "./issues.ts";
import { currentIntakePolicy } from "./policy-store.ts";
import { handoffCompleteness } from "../rules/completeness.ts";

/**
 * Recomputes the completeness score kept on the handoff (lib/rules/completeness.ts), inside the
 * transaction of every change that can move it, against the intake policy in force.
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
  const score = handoffCompleteness({
    fieldCount: policy.fields.length,
    fieldsWithIssues: parseIntakeIssues(h.intakeIssues).map((i) => i.field),
    stages: h.stages,
    risks: h.risks,
    commitments: h.commitments,
  });
  await tx.handoff.update({ where: { id: handoffId }, data: { completenessScore: score } });
  return score;
}
