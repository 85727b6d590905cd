import { setTimeout as sleep } from "node:timers/promises";
import type { Vendor } from "../db/generated/enums.ts";
import { classifyFailure } from "./errors.ts";
import { waitForToken } from "./rate-limit.ts";

/**
 * Vendor reads that a person or a sweep is waiting on (HubSpot deals, a connection check): a 429
 * or a passing 5xx/network failure is retried a few times, honouring Retry-After, with jitter.
 * Each attempt first takes a token from the bucket the workers share, so a sweep or a burst
 * of captures does not spend the rate limit the outbox's write-backs need.
 * (Writes go through the outbox instead, which retries durably.)
 */
export async function withRetry<T>(vendor: Vendor, call: () => Promise<T>, options: { attempts?: number; maxWaitMs?: number } = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  const maxWaitMs = options.maxWaitMs ?? 15_000;
  for (let attempt = 1; ; attempt++) {
    try {
      await waitForToken(vendor);
      return await call();
    } catch (error) {
      const failure = classifyFailure(error);
      if (!failure.retryable || attempt >= attempts) throw error;
      const base = failure.retryAfterMs ?? 250 * 2 ** attempt;
      await sleep(Math.min(maxWaitMs, base) * (0.8 + Math.random() * 0.4));
    }
  }
}
