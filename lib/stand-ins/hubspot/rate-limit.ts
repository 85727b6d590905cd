/**
 * HubSpot's per-app "ten secondly rolling" limit: at most `max` requests in any window of
 * `intervalMs`, counted per access token. Rejected requests do not use up the window.
 * An optional per-second limit applies to search endpoints, as HubSpot's does.
 */

export interface RateLimitOptions {
  /** Requests per window; HubSpot Professional/Enterprise private apps get 190. */
  max?: number;
  intervalMs?: number;
  /** HubSpot limits search to about 5 requests per second; off unless set. */
  searchPerSecond?: number;
}

export interface RateDecision {
  allowed: boolean;
  max: number;
  remaining: number;
  intervalMs: number;
  retryAfterSeconds: number;
  policy?: "TEN_SECONDLY_ROLLING" | "SECONDLY";
}

export const DEFAULT_RATE_LIMIT = { max: 190, intervalMs: 10_000 } as const;

class RollingWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly intervalMs: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const kept = (this.hits.get(key) ?? []).filter((t) => now - t < this.intervalMs);
    this.hits.set(key, kept);
    return kept;
  }

  check(key: string, now: number): { allowed: boolean; remaining: number; retryAfterMs: number } {
    const recent = this.recent(key, now);
    if (recent.length >= this.max) return { allowed: false, remaining: 0, retryAfterMs: recent[0] + this.intervalMs - now };
    return { allowed: true, remaining: this.max - recent.length - 1, retryAfterMs: 0 };
  }

  record(key: string, now: number) {
    this.recent(key, now).push(now);
  }
}

export class RateLimiter {
  private readonly window: RollingWindow;
  private readonly search?: RollingWindow;

  constructor(
    options: RateLimitOptions = {},
    private readonly clock: () => number = Date.now,
  ) {
    this.window = new RollingWindow(options.max ?? DEFAULT_RATE_LIMIT.max, options.intervalMs ?? DEFAULT_RATE_LIMIT.intervalMs);
    if (options.searchPerSecond) this.search = new RollingWindow(options.searchPerSecond, 1_000);
  }

  take(token: string, { isSearch = false }: { isSearch?: boolean } = {}): RateDecision {
    const now = this.clock();
    const base = { max: this.window.max, intervalMs: this.window.intervalMs };
    const main = this.window.check(token, now);
    if (!main.allowed) {
      return { ...base, allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(main.retryAfterMs / 1000)), policy: "TEN_SECONDLY_ROLLING" };
    }
    if (isSearch && this.search) {
      const secondly = this.search.check(token, now);
      if (!secondly.allowed) return { ...base, allowed: false, remaining: main.remaining + 1, retryAfterSeconds: 1, policy: "SECONDLY" };
      this.search.record(token, now);
    }
    this.window.record(token, now);
    return { ...base, allowed: true, remaining: main.remaining, retryAfterSeconds: 0 };
  }
}
