import type { z } from "zod";
import { faultProfile } from "../shared/faults.ts";

/**
 * Injected failures for the notifier's fault tests, as the other stand-ins inject them
 * (../shared/faults.ts): Slack's ratelimited, internal_error and service_unavailable answers,
 * and the connection's faults except "timeout". After a "lost_response" the message was posted but
 * the caller cannot know it (a retried chat.postMessage then posts twice).
 */

export const FAULT_PROFILE = faultProfile(["429", "500", "503"]);

export const { kinds: FAULT_KINDS, defaultKinds: DEFAULT_FAULT_KINDS } = FAULT_PROFILE;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultOptions = z.infer<typeof FAULT_PROFILE.schema>;
