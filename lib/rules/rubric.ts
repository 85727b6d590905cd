import type { CommitmentStatus } from "../db/generated/enums.ts";

/**
 * The completeness rubric and how promises are judged: shared by the score kept on every handoff,
 * the monthly QA review and the review form (client-safe, no database here).
 */

/** Weights of the completeness score, 0–100. */
export const RUBRIC = { fields: 40, evidence: 25, risks: 20, commitments: 15 } as const;
export type RubricPart = keyof typeof RUBRIC;

export const RUBRIC_PARTS: readonly { key: RubricPart; label: string; weight: number }[] = [
  { key: "fields", label: "Mandatory fields present and valid", weight: RUBRIC.fields },
  { key: "evidence", label: "Evidence for each gate reached", weight: RUBRIC.evidence },
  { key: "risks", label: "Risks with an owner and a mitigation", weight: RUBRIC.risks },
  { key: "commitments", label: "Commitments with a date and an owner", weight: RUBRIC.commitments },
];

/** A reviewer scores each part met (full weight), partly met (half) or missed. */
export const RUBRIC_LEVELS = { met: "Met", partly: "Partly", missed: "Missed" } as const;
export type RubricLevel = keyof typeof RUBRIC_LEVELS;
const LEVEL_CREDIT: Record<RubricLevel, number> = { met: 1, partly: 0.5, missed: 0 };

export const PROMISE_OUTCOMES = {
  DELIVERED: "Delivered as promised",
  DELIVERED_LATE: "Delivered late",
  CHANGED: "Changed",
  MISSED: "Missed",
  OPEN: "Not yet due",
} as const satisfies Record<CommitmentStatus, string>;

/** The completeness score a reviewer's rubric gives, 0–100. */
export function rubricScore(rubric: Record<RubricPart, RubricLevel>): number {
  return Math.round(RUBRIC_PARTS.reduce((sum, part) => sum + part.weight * LEVEL_CREDIT[rubric[part.key]], 0));
}

/** Delivered as promised, as a share of the commitments whose outcome is known; null when none is. */
export function promiseAccuracyOf(outcomes: readonly CommitmentStatus[]): number | null {
  const known = outcomes.filter((o) => o !== "OPEN");
  return known.length ? Math.round((known.filter((o) => o === "DELIVERED").length / known.length) * 100) : null;
}
