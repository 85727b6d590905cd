import type { z } from "zod";
import { hangingFaultProfile } from "../shared/faults.ts";

/**
 * Injected failures for the app's fault tests, as the other stand-ins inject them
 * (../shared/faults.ts), answered in Notion's error shape so the SDK classifies them: "429"
 * rate_limited and "529" service_overload (both with Retry-After; the SDK retries them on every
 * method), "500" internal_server_error and "503" service_unavailable (retried by the SDK on
 * GET/DELETE only). After a "lost_response" the page exists but the caller cannot know it.
 * A "timeout" hangs longer than the SDK's default 60 s timeoutMs, so the client gives up first.
 */

export const FAULT_PROFILE = hangingFaultProfile(["429", "500", "503", "529"], 75_000);

export const { kinds: FAULT_KINDS, defaultKinds: DEFAULT_FAULT_KINDS, hangMs: DEFAULT_HANG_MS } = FAULT_PROFILE;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultOptions = z.infer<typeof FAULT_PROFILE.schema>;
