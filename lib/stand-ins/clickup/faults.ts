import type { z } from "zod";
import { faultPicker, hangingFaultOptionsFor } from "../shared/faults.ts";

/**
 * Injected failures for the sync engine's fault tests, as the other stand-ins inject them.
 * "timeout" never answers (until the hang ends or the sandbox stops); "reset" drops the
 * connection before doing anything; "lost_response" performs the request, then drops the
 * connection, so the task was created but the caller cannot know it (it must look the task
 * up by its Handoff ID before creating it again).
 */

export const FAULT_KINDS = ["429", "500", "503", "timeout", "reset", "lost_response"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The transient failures a client is expected to retry; timeouts and lost responses are opt-in. */
export const DEFAULT_FAULT_KINDS: readonly FaultKind[] = ["429", "500", "503", "reset"];

export const faultOptionsSchema = hangingFaultOptionsFor(FAULT_KINDS);

export type FaultOptions = z.infer<typeof faultOptionsSchema>;

export const DEFAULT_HANG_MS = 30_000;

export const pickFault = faultPicker(DEFAULT_FAULT_KINDS);
