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
