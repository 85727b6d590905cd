import type { StageKey, StageStatus } from "../db/generated/enums.ts";
import { RUBRIC } from "./rubric.ts";
import { STAGES } from "./stages.ts";

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

/** What a handoff's score is tallied from: its own rows, in the shapes they are stored in. */
export interface ScoredHandoff {
  /** The intake policy's mandatory fields, and those of them with an issue. */
  fieldCount: number;
  fieldsWithIssues: readonly string[];
  stages: readonly { key: StageKey; status: StageStatus; evidence: readonly { requirementKey: string }[] }[];
  risks: readonly { ownerId?: string | null; ownerName?: string | null; mitigation?: string | null }[];
  commitments: readonly { dueDate?: Date | string | null; ownerName?: string | null }[];
}

/**
 * The score of one handoff: every mandatory field without an issue, the evidence of every stage
 * reached, the risks with an owner and a mitigation, the commitments with a date and an owner.
 */
export function handoffCompleteness(h: ScoredHandoff): number {
  let required = 0;
  let captured = 0;
  for (const def of STAGES) {
    const stage = h.stages.find((s) => s.key === def.key);
    if (!stage || stage.status === "NOT_STARTED") continue;
    const keys = new Set(stage.evidence.map((e) => e.requirementKey));
    required += def.evidence.length;
    captured += def.evidence.filter((r) => keys.has(r.key)).length;
  }
  return completenessScore({
    fields: { total: h.fieldCount, withIssues: new Set(h.fieldsWithIssues).size },
    evidence: { required, captured },
    risks: { total: h.risks.length, complete: h.risks.filter((r) => (r.ownerId || r.ownerName?.trim()) && r.mitigation?.trim()).length },
    commitments: { total: h.commitments.length, complete: h.commitments.filter((c) => c.dueDate && c.ownerName?.trim()).length },
  });
}
