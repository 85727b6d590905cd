import type { Vendor } from "../db/generated/enums.ts";
import { db } from "../db/client.ts";

/**
 * What a connection check says, in one shape for every tool (HubSpot, ClickUp, Notion,
 * Slack), and where its outcome is kept: on the tool's connection row, which is created to
 * hold it when the credentials come from the environment rather than a saved token.
 */

export interface CheckItem {
  label: string;
  ok: boolean;
  detail: string;
}

export interface CheckResult {
  ok: boolean;
  checks: CheckItem[];
  /** When the check ran (ISO), as the card's “Last check” line shows it. */
  checkedAt: string;
  /** The failed checks in one sentence, or null when every check passed. */
  error: string | null;
}

export async function recordCheck(vendor: Vendor, checks: CheckItem[], extra: { scopes?: string[]; error?: string | null } = {}): Promise<CheckResult> {
  const ok = checks.every((c) => c.ok);
  const error = ok ? null : (extra.error ?? checks.filter((c) => !c.ok).map((c) => `${c.label}: ${c.detail}`).join(" "));
  const checkedAt = new Date();
  const outcome = { lastCheckedAt: checkedAt, lastCheckOk: ok, lastCheckError: error, ...(extra.scopes ? { scopes: extra.scopes } : {}) };
  await db().connection.upsert({
    where: { vendor },
    create: { vendor, authType: "environment", encryptedSecret: null, config: {}, scopes: extra.scopes ?? [], ...outcome },
    update: outcome,
  });
  return { ok, checks, checkedAt: checkedAt.toISOString(), error };
}
