import type { IncomingMessage } from "node:http";
import { z } from "zod";

/**
 * Injected failures, shared by the stand-ins so every vendor's fault tests drive them the same
 * way: a rate (0..1) of API calls that fail, and which kinds of failure to draw from. Each
 * stand-in keeps its own list of kinds, since what a vendor's SDK retries differs, and answers
 * each kind in its vendor's own error shape.
 */

/** `{ rate, kinds? }`, the kinds limited to the vendor's own. */
export function faultOptionsFor<const K extends string>(kinds: readonly [K, ...K[]]) {
  return z.object({
    rate: z.number().min(0).max(1),
    kinds: z.array(z.enum(kinds)).min(1).optional(),
  });
}

/** `{ rate, kinds?, hangMs? }`, for stand-ins that can inject a "timeout". */
export function hangingFaultOptionsFor<const K extends string>(kinds: readonly [K, ...K[]]) {
  return faultOptionsFor(kinds).extend({
    /** How long a "timeout" holds the connection before dropping it. */
    hangMs: z.number().int().min(0).max(600_000).optional(),
  });
}

/**
 * The fault (if any) for one call: none at rate 0, else one draw decides whether the call
 * fails and a second which of the kinds (the vendor's defaults when none are given) it gets.
 */
export function faultPicker<K extends string>(defaultKinds: readonly K[]) {
  return (options: { rate: number; kinds?: readonly K[] } | undefined, random: () => number = Math.random): K | undefined => {
    if (!options || options.rate <= 0) return undefined;
    if (random() >= options.rate) return undefined;
    const kinds = options.kinds ?? defaultKinds;
    return kinds[Math.min(kinds.length - 1, Math.floor(random() * kinds.length))];
  };
}

/**
 * Requests an injected "timeout" holds unanswered: each until its time passes (then the
 * connection drops) or the caller gives up. The sandbox drops them all when it stops, so
 * stop() never waits out a hang.
 */
export class HangingRequests {
  private readonly held = new Set<{ timer: NodeJS.Timeout; req: IncomingMessage }>();

  hold(req: IncomingMessage, ms: number) {
    const entry = {
      req,
      timer: setTimeout(() => {
        this.held.delete(entry);
        req.socket.destroy();
      }, ms),
    };
    this.held.add(entry);
    req.socket.once("close", () => {
      clearTimeout(entry.timer);
      this.held.delete(entry);
    });
  }

  dropAll() {
    for (const entry of this.held) {
      clearTimeout(entry.timer);
      entry.req.socket.destroy();
    }
    this.held.clear();
  }
}
