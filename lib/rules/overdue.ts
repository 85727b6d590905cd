import type { HandoffStatus } from "../db/generated/enums.ts";

/**
 * The statuses in which a stage's SLA clock runs. On hold pauses it; completed and cancelled end
 * it. The one definition of "overdue", for the queue (its flag and its filter), the handoff page
 * and the Approvals inbox.
 */
export const SLA_CLOCK_RUNS: readonly HandoffStatus[] = ["IN_PROGRESS", "INTAKE_BLOCKED"];

export function isOverdue(handoff: { dueAt: Date | string | null; status: HandoffStatus }, now: Date | number = Date.now()): boolean {
  if (!handoff.dueAt || !SLA_CLOCK_RUNS.includes(handoff.status)) return false;
  return new Date(handoff.dueAt).getTime() < new Date(now).getTime();
}

/** The same rule as a query condition on the handoff, for the queue's "Overdue" filter. */
export function overdueCondition(now: Date) {
  return { dueAt: { lt: now }, status: { in: [...SLA_CLOCK_RUNS] } };
}
