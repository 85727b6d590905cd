import { randomUUID } from "node:crypto";
import { db } from "../db/client.ts";
import { recordAudit } from "../audit/record.ts";
import type { Actor } from "../auth/roles.ts";
import { can } from "../auth/roles.ts";
import { conflict, forbidden } from "../errors.ts";
import { logger } from "../log/logger.ts";
import { hubspotConnection } from "../connections/clients.ts";
import { withRetry } from "../sync/retry.ts";
import { searchDealsModifiedSince } from "../integrations/hubspot/deals.ts";
import { captureDeal } from "./capture.ts";
import { isClosedWon } from "./policy.ts";
import { currentIntakePolicy } from "./policy-store.ts";

/**
 * The safety net under webhooks: every deal HubSpot changed since the last sweep is
 * looked at, oldest first, and captured if it is closed-won (or already a handoff).
 * The cursor is persisted and moves only past deals actually handled, with a small
 * overlap, so a dropped webhook is caught on the next sweep and nothing is skipped.
 */
export const CURSOR_KEY = "hubspot.deals.modifiedSince";
const OVERLAP_MS = 60_000;
const FIRST_SWEEP_LOOKBACK_MS = 30 * 24 * 3_600_000;

export interface ReconcileResult {
  examined: number;
  captured: number;
  since: string;
  until: string;
}

export async function reconcileDeals(trigger: { actor: Actor } | { system: string }): Promise<ReconcileResult> {
  if ("actor" in trigger && !can(trigger.actor.role, "policy:edit")) throw forbidden("Only RevOps and admins can run reconciliation.");
  const hubspot = await hubspotConnection();
  if (!hubspot) throw conflict("HubSpot is not connected: save a token on the Connections page first.");
  const { policy } = await currentIntakePolicy();

  const cursor = await db().syncCursor.findUnique({ where: { key: CURSOR_KEY } });
  const since = cursor ? new Date(Number(cursor.value) - OVERLAP_MS) : new Date(Date.now() - FIRST_SWEEP_LOOKBACK_MS);
  let newest = since.getTime();
  let examined = 0;
  let captured = 0;
  let after: string | undefined;

  do {
    const page = await searchDealsModifiedSince(hubspot.client, since, after, (call) => withRetry("HUBSPOT", call));
    const known = new Set(
      (await db().deal.findMany({ where: { source: "HUBSPOT", sourceId: { in: page.results.map((r) => r.id) } }, select: { sourceId: true } })).map((d) => d.sourceId),
    );
    for (const deal of page.results) {
      examined++;
      if (known.has(deal.id) || isClosedWon(policy, deal.properties.pipeline, deal.properties.dealstage)) {
        const outcome = await captureDeal(deal.id, "reconciliation", randomUUID());
        if (outcome.outcome !== "ignored" && outcome.outcome !== "unchanged") captured++;
      }
      const modified = Date.parse(deal.properties.hs_lastmodifieddate ?? "");
      if (Number.isFinite(modified)) newest = Math.max(newest, modified);
      // Persist progress as we go: a crash mid-sweep resumes, not restarts.
      await db().syncCursor.upsert({ where: { key: CURSOR_KEY }, create: { key: CURSOR_KEY, value: String(newest) }, update: { value: String(newest) } });
    }
    after = page.paging?.next?.after;
  } while (after);

  const result = { examined, captured, since: since.toISOString(), until: new Date(newest).toISOString() };
  await db().$transaction((tx) =>
    recordAudit(tx, { actor: "actor" in trigger ? trigger.actor : trigger, action: "intake.reconciled", entityType: "SyncCursor", entityId: CURSOR_KEY, data: { ...result } }),
  );
  logger.info({ event: "intake.reconciled", ...result }, "reconciliation sweep done");
  return result;
}

/** When the sweep has looked up to, or null before the first sweep. */
export async function lastReconciledAt(): Promise<Date | null> {
  const cursor = await db().syncCursor.findUnique({ where: { key: CURSOR_KEY } });
  return cursor ? new Date(Number(cursor.value)) : null;
}
