import { z } from "zod";

/**
 * ClickUp's limit: a number of requests per minute per token (100 on Free, Unlimited and
 * Business plans). Modelled as a fixed window per token that starts with its first request;
 * every answer carries X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset (the
 * window's end, in Unix seconds), and a request over the limit gets a 429 with the same
 * headers. Rejected requests do not count.
 */

export const rateLimitOptionsSchema = z.object({ limit: z.number().int().min(1), windowMs: z.number().int().min(1) });
export type RateLimitOptions = z.infer<typeof rateLimitOptionsSchema>;

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 100, windowMs: 60_000 };

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch ms when the window ends. */
  resetAt: number;
}

export class TokenRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly options: RateLimitOptions;

  constructor(
    options: RateLimitOptions = DEFAULT_RATE_LIMIT,
    private readonly clock: () => number = Date.now,
  ) {
    this.options = rateLimitOptionsSchema.parse(options);
  }

  private window(token: string) {
    const now = this.clock();
    let window = this.windows.get(token);
    if (!window || now >= window.start + this.options.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(token, window);
    }
    return window;
  }

  take(token: string): RateDecision {
    const window = this.window(token);
    const { limit, windowMs } = this.options;
    const resetAt = window.start + windowMs;
    if (window.count >= limit) return { allowed: false, limit, remaining: 0, resetAt };
    window.count++;
    return { allowed: true, limit, remaining: limit - window.count, resetAt };
  }
}

export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(decision.limit),
    "X-RateLimit-Remaining": String(decision.remaining),
    "X-RateLimit-Reset": String(Math.ceil(decision.resetAt / 1000)),
  };
}
