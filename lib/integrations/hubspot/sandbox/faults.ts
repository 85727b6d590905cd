import { z } from "zod";

/**
 * Injected failures for the sync engine's fault tests. "timeout" never answers (until
 * the hang ends or the sandbox stops); "reset" drops the connection before doing
 * anything; "lost_response" performs the request, then drops the connection, so the
 * write happened but the caller cannot know it.
 */

export const FAULT_KINDS = ["429", "500", "503", "timeout", "reset", "lost_response"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The transient failures a client is expected to retry; timeouts and lost responses are opt-in. */
export const DEFAULT_FAULT_KINDS: readonly FaultKind[] = ["429", "500", "503", "reset"];

export const faultOptionsSchema = z.object({
  rate: z.number().min(0).max(1),
  kinds: z.array(z.enum(FAULT_KINDS)).min(1).optional(),
  /** How long a "timeout" holds the connection before dropping it. */
  hangMs: z.number().int().min(0).max(600_000).optional(),
});

export type FaultOptions = z.infer<typeof faultOptionsSchema>;

export const DEFAULT_HANG_MS = 30_000;

export function pickFault(options: FaultOptions | undefined, random: () => number = Math.random): FaultKind | undefined {
  if (!options || options.rate <= 0) return undefined;
  if (random() >= options.rate) return undefined;
  const kinds = options.kinds ?? DEFAULT_FAULT_KINDS;
  return kinds[Math.min(kinds.length - 1, Math.floor(random() * kinds.length))];
}
