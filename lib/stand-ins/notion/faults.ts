import type { z } from "zod";
import { faultPicker, hangingFaultOptionsFor } from "../shared/faults.ts";

/**
 * Injected failures for the app's fault tests, answered in Notion's error shape so the SDK
 * classifies them: "429" rate_limited and "529" service_overload (both with Retry-After; the
 * SDK retries them on every method), "500" internal_server_error and "503" service_unavailable
 * (retried by the SDK on GET/DELETE only). "reset" drops the connection before doing anything;
 * "lost_response" performs the request, then drops the connection, so the page exists but the
 * caller cannot know it; "timeout" never answers (nothing is done) until `hangMs` passes or the
 * sandbox stops.
 */

export const FAULT_KINDS = ["429", "500", "503", "529", "timeout", "reset", "lost_response"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The transient failures a client is expected to retry; timeouts and lost responses are opt-in. */
export const DEFAULT_FAULT_KINDS: readonly FaultKind[] = ["429", "500", "503", "529", "reset"];

export const faultOptionsSchema = hangingFaultOptionsFor(FAULT_KINDS);

export type FaultOptions = z.infer<typeof faultOptionsSchema>;

/** Longer than the SDK's default 60 s timeoutMs, so the client gives up first. */
export const DEFAULT_HANG_MS = 75_000;

export const pickFault = faultPicker(DEFAULT_FAULT_KINDS);
