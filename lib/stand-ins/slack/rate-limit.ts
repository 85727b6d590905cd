/**
 * Slack's special limit on chat.postMessage: about one message per second per channel, with
 * short bursts allowed. Modelled as a token bucket per channel: `burst` messages at once, then
 * `perSecond` refilled each second. Rejected posts do not use up the bucket.
 */

export interface RateLimitOptions {
  perSecond?: number;
  burst?: number;
}

export const DEFAULT_RATE_LIMIT = { perSecond: 1, burst: 3 } as const;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class ChannelRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perSecond: number;
  private readonly burst: number;

  constructor(
    options: RateLimitOptions = {},
    private readonly clock: () => number = Date.now,
  ) {
    this.perSecond = options.perSecond ?? DEFAULT_RATE_LIMIT.perSecond;
    this.burst = Math.max(1, options.burst ?? DEFAULT_RATE_LIMIT.burst);
  }

  take(channel: string): RateDecision {
    const now = this.clock();
    const bucket = this.buckets.get(channel) ?? { tokens: this.burst, at: now };
    const tokens = Math.min(this.burst, bucket.tokens + (Math.max(0, now - bucket.at) * this.perSecond) / 1000);
    if (tokens < 1) {
      this.buckets.set(channel, { tokens, at: now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perSecond)) };
    }
    this.buckets.set(channel, { tokens: tokens - 1, at: now });
    return { allowed: true };
  }
}
