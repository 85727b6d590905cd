/**
 * Notion's documented limit: an average of three requests per second per connection, with
 * some bursts allowed. Modelled as a token bucket per token: `burst` requests at once, then
 * `requestsPerSecond` refilled each second. Rejected requests do not use up the bucket;
 * Retry-After is whole seconds, as Notion sends it.
 */

export interface RateLimitOptions {
  requestsPerSecond: number;
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { requestsPerSecond: 3, burst: 10 };

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class TokenRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perSecond: number;
  private readonly burst: number;

  constructor(
    options: RateLimitOptions = DEFAULT_RATE_LIMIT,
    private readonly clock: () => number = Date.now,
  ) {
    if (!(options.requestsPerSecond > 0)) throw new Error("rateLimit.requestsPerSecond must be positive");
    this.perSecond = options.requestsPerSecond;
    this.burst = Math.max(1, options.burst);
  }

  take(token: string): RateDecision {
    const now = this.clock();
    const bucket = this.buckets.get(token) ?? { tokens: this.burst, at: now };
    const tokens = Math.min(this.burst, bucket.tokens + (Math.max(0, now - bucket.at) * this.perSecond) / 1000);
    if (tokens < 1) {
      this.buckets.set(token, { tokens, at: now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perSecond)) };
    }
    this.buckets.set(token, { tokens: tokens - 1, at: now });
    return { allowed: true };
  }
}
