import { z } from "zod";

/**
 * Injected failures for the notifier's fault tests. "reset" drops the connection before doing
 * anything; "lost_response" performs the call, then drops the connection, so the message was
 * posted but the caller cannot know it (a retried chat.postMessage then posts twice).
 */

export const FAULT_KINDS = ["429", "500", "503", "reset", "lost_response"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The transient failures a client is expected to retry; lost responses are opt-in. */
export const DEFAULT_FAULT_KINDS: readonly FaultKind[] = ["429", "500", "503", "reset"];

export const faultOptionsSchema = z.object({
  rate: z.number().min(0).max(1),
  kinds: z.array(z.enum(FAULT_KINDS)).min(1).optional(),
});

export type FaultOptions = z.infer<typeof faultOptionsSchema>;

export function pickFault(options: FaultOptions | undefined, random: () => number = Math.random): FaultKind | undefined {
  if (!options || options.rate <= 0) return undefined;
  if (random() >= options.rate) return undefined;
  const kinds = options.kinds ?? DEFAULT_FAULT_KINDS;
  return kinds[Math.min(kinds.length - 1, Math.floor(random() * kinds.length))];
}
