import type { z } from "zod";
import { faultPicker, faultOptionsFor } from "../shared/faults.ts";

/**
 * Injected failures for the notifier's fault tests. "reset" drops the connection before doing
 * anything; "lost_response" performs the call, then drops the connection, so the message was
 * posted but the caller cannot know it (a retried chat.postMessage then posts twice).
 */

export const FAULT_KINDS = ["429", "500", "503", "reset", "lost_response"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The transient failures a client is expected to retry; lost responses are opt-in. */
export const DEFAULT_FAULT_KINDS: readonly FaultKind[] = ["429", "500", "503", "reset"];

export const faultOptionsSchema = faultOptionsFor(FAULT_KINDS);

export type FaultOptions = z.infer<typeof faultOptionsSchema>;

export const pickFault = faultPicker(DEFAULT_FAULT_KINDS);
