import type { Tx } from "../db/client.ts";
import type { Rows } from "./rows.ts";

/** Writing the demo's rows: `createMany` in batches, table by table in foreign-key order. */

const BATCH = 500;

async function insertBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export async function insertAll(tx: Tx, rows: Rows): Promise<void> {
  await tx.user.createMany({ data: rows.users });
  await tx.policyVersion.createMany({ data: rows.policies });
  await insertBatches(rows.deals, (data) => tx.deal.createMany({ data }));
  await insertBatches(rows.snapshots, (data) => tx.dealSnapshot.createMany({ data }));
  await insertBatches(rows.handoffs, (data) => tx.handoff.createMany({ data }));
  await insertBatches(rows.stages, (data) => tx.handoffStage.createMany({ data }));
  await insertBatches(rows.evidence, (data) => tx.evidence.createMany({ data }));
  await insertBatches(rows.approvals, (data) => tx.approval.createMany({ data }));
  await insertBatches(rows.overrides, (data) => tx.override.createMany({ data }));
  await insertBatches(rows.risks, (data) => tx.risk.createMany({ data }));
  await insertBatches(rows.commitments, (data) => tx.commitment.createMany({ data }));
  await insertBatches(rows.milestones, (data) => tx.milestone.createMany({ data }));
  await insertBatches(rows.dependencies, (data) => tx.dependency.createMany({ data }));
  await insertBatches(rows.assumptions, (data) => tx.assumption.createMany({ data }));
  await insertBatches(rows.scopeItems, (data) => tx.scopeItem.createMany({ data }));
  await insertBatches(rows.constraints, (data) => tx.integrationConstraint.createMany({ data }));
  await insertBatches(rows.decisions, (data) => tx.decision.createMany({ data }));
  await insertBatches(rows.scopeChanges, (data) => tx.scopeChange.createMany({ data }));
  await insertBatches(rows.qaRuns, (data) => tx.qaRun.createMany({ data }));
  await insertBatches(rows.qaReviews, (data) => tx.qaReview.createMany({ data }));
  await insertBatches(rows.retrainingActions, (data) => tx.retrainingAction.createMany({ data }));
  await insertBatches(rows.audit, (data) => tx.auditEvent.createMany({ data }));
}
