import type { Tx } from "../db/client.ts";
import { parseIntakeIssues } from "../intake/issues.ts";
import { currentIntakePolicy } from "../intake/policy-store.ts";
import { STAGES } from "../handoffs/stages.ts";
import { RUBRIC } from "./rubric.ts";

/**
 * The handoff completeness score, 0–100, from a weighted rubric: mandatory CRM fields
 * present and valid (40), evidence captured for each gate reached (25), risks with an
 * owner and a mitigation (20), commitments with a date and an owner (15). Kept on the
 * handoff (recomputed with every change) so the dashboard averages a column.
 */


export interface CompletenessInput {
  fields: { total: number; withIssues: number };
  evidence: { required: number; captured: number };
  risks: { total: number; complete: number };
  commitments: { total: number; complete: number };
}

/** A part with nothing to check (no risks recorded, say) is complete. */
const share = (done: number, total: number) => (total > 0 ? Math.max(0, Math.min(done, total)) / total : 1);

export function completenessScore(input: CompletenessInput): number {
  const score =
    RUBRIC.fields * share(input.fields.total - input.fields.withIssues, input.fields.total) +
    RUBRIC.evidence * share(input.evidence.captured, input.evidence.required) +
    RUBRIC.risks * share(input.risks.complete, input.risks.total) +
    RUBRIC.commitments * share(input.commitments.complete, input.commitments.total);
  return Math.round(score);
}

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
