import type { Vendor } from "../db/generated/enums.ts";
import { db } from "../db/client.ts";

/**
 * Per-vendor, per-connection rate limits, as the vendors publish them, enforced with a
 * token bucket kept in PostgreSQL so every worker process draws from the same bucket.
 * A call that finds the bucket empty is not made: the job is rescheduled for when a
 * token will be there, and its worker slot goes to other work meanwhile.
 */
export interface VendorLimit {
  /** Sustained requests per second. */
  perSecond: number;
  /** Largest burst. */
  burst: number;
  source: string;
}

export const VENDOR_LIMITS: Record<Vendor, VendorLimit> = {
  // A rolling 10-second window of 190 admits at most burst + 10 s × rate: 17 + 170 = 187.
  HUBSPOT: { perSecond: 17, burst: 17, source: "190 requests per rolling 10 s per app (Professional/Enterprise)" },
  CLICKUP: { perSecond: 100 / 60, burst: 10, source: "100 requests per minute per token" },
  NOTION: { perSecond: 3, burst: 3, source: "an average of 3 requests per second" },
  SLACK: { perSecond: 1, burst: 1, source: "chat.postMessage: about 1 message per second per channel" },
};

export interface RateDecision {
  granted: boolean;
  /** When not granted: how long until a token is available. */
  waitMs: number;
}

export function bucketKey(vendor: Vendor, connection = "default"): string {
  return `${vendor}:${connection}`;
}

/** Takes one token from the vendor's bucket if one is there. */
export async function takeToken(vendor: Vendor, connection = "default", limit: VendorLimit = VENDOR_LIMITS[vendor]): Promise<RateDecision> {
  const key = bucketKey(vendor, connection);
  const rows = await db().$queryRaw<{ granted: boolean; tokens: number }[]>`
    WITH upsert AS (
      INSERT INTO "RateBucket" (key, tokens, "updatedAt") VALUES (${key}, ${limit.burst - 1}, clock_timestamp())
      ON CONFLICT (key) DO NOTHING
    ),
    current AS (
      SELECT key,
             LEAST(${limit.burst}::float8, tokens + EXTRACT(EPOCH FROM (clock_timestamp() - "updatedAt")) * ${limit.perSecond}::float8) AS available
      FROM "RateBucket" WHERE key = ${key} FOR UPDATE
    )
    UPDATE "RateBucket" b
       SET tokens = CASE WHEN c.available >= 1 THEN c.available - 1 ELSE c.available END,
           "updatedAt" = clock_timestamp()
      FROM current c
     WHERE b.key = c.key
    RETURNING (c.available >= 1) AS granted, c.available AS tokens`;
  const row = rows[0];
  if (!row) return { granted: true, waitMs: 0 }; // first use: the bucket was created full, less this token
  if (row.granted) return { granted: true, waitMs: 0 };
  return { granted: false, waitMs: Math.ceil(((1 - row.tokens) / limit.perSecond) * 1000) };
}

/**
 * For calls a person or a sweep is waiting on (reads, connection checks), which run outside
 * the job queue: waits for a token from the same bucket the workers draw from, so reads and
 * outbox writes together stay under the vendor's limit. Gives up after `maxWaitMs` and lets
 * the call go ahead; the vendor's 429 is then handled by the caller's retry.
 */
export async function waitForToken(vendor: Vendor, options: { maxWaitMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (options.maxWaitMs ?? 30_000);
  for (;;) {
    const decision = await takeToken(vendor);
    if (decision.granted || Date.now() >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(decision.waitMs, Math.max(0, deadline - Date.now()))));
  }
}
