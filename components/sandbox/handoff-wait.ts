/**
 * After a deal is moved to closed-won, the stand-in sends its webhook and the worker runs the
 * intake: the handoff appears a moment later, not in the answer to the click. The panel polls
 * for it and says what it is waiting for; past a while it says why it may not come.
 */

/** How often the panel reads the deals again while a handoff is on its way. */
export const POLL_MS = 1_500;
/** After this, stop polling and say what to check. */
export const PATIENCE_MS = 30_000;

export type HandoffWait = "waiting" | "late" | null;

export function handoffWait(deal: { handoff: unknown }, movedAt: number | undefined, now: number): HandoffWait {
  if (movedAt === undefined || deal.handoff) return null;
  return now - movedAt < PATIENCE_MS ? "waiting" : "late";
}

export function handoffWaitText(state: HandoffWait, webhooksDropped: boolean): string | null {
  if (state === "waiting") return "Waiting for the handoff…";
  if (state === "late") {
    return webhooksDropped
      ? "No handoff yet: webhooks are being dropped, so the deal reaches the app only through reconciliation."
      : "No handoff yet: the intake may be slow or its worker stopped. Reload the page in a moment.";
  }
  return null;
}
