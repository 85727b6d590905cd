import type { Prisma } from "../db/generated/client.ts";
import type { StageKey, StageStatus } from "../db/generated/enums.ts";
import { STAGES } from "../rules/stages.ts";
import type { IntakeIssue } from "../intake/issues.ts";
import type { IntakePolicy } from "../intake/policy.ts";
import { completenessScore } from "../rules/completeness.ts";

/**
 * The completeness score the app keeps on a handoff, for the demo's rows. The rule is the domain's
 * (completenessScore, lib/rules/completeness.ts); what it is given is tallied as the app tallies it
 * from the database after every change (recomputeCompleteness, lib/handoffs/completeness.ts): the
 * fields with intake issues, the evidence of every stage reached, the risks with an owner and a
 * mitigation, the commitments with a date and an owner. The seed's integration test runs the app's
 * recomputeCompleteness on every seeded handoff and expects the score stored here.
 */

/** What the score is computed from: the handoff's own rows, in the shapes they are stored in. */
export interface ScoredHandoff {
  intakeIssues: readonly IntakeIssue[];
  stages: readonly { key: StageKey; status: StageStatus; evidence: readonly { requirementKey: string }[] }[];
  risks: readonly Pick<Prisma.RiskCreateManyInput, "ownerId" | "ownerName" | "mitigation">[];
  commitments: readonly Pick<Prisma.CommitmentCreateManyInput, "dueDate" | "ownerName">[];
}

export function completenessOf(policy: IntakePolicy, handoff: ScoredHandoff): number {
  let required = 0;
  let captured = 0;
  for (const def of STAGES) {
    const stage = handoff.stages.find((s) => s.key === def.key);
    if (!stage || stage.status === "NOT_STARTED") continue;
    const keys = new Set(stage.evidence.map((e) => e.requirementKey));
    required += def.evidence.length;
    captured += def.evidence.filter((r) => keys.has(r.key)).length;
  }
  return completenessScore({
    fields: { total: policy.fields.length, withIssues: new Set(handoff.intakeIssues.map((i) => i.field)).size },
    evidence: { required, captured },
    risks: { total: handoff.risks.length, complete: handoff.risks.filter((r) => (r.ownerId || r.ownerName?.trim()) && r.mitigation?.trim()).length },
    commitments: { total: handoff.commitments.length, complete: handoff.commitments.filter((c) => c.dueDate && c.ownerName?.trim()).length },
  });
}
