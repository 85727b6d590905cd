import type { z } from "zod";
import { hangingFaultProfile } from "../shared/faults.ts";

/**
 * Injected failures for the sync engine's fault tests, as the other stand-ins inject them
 * (../shared/faults.ts): HubSpot's 429, 500 and 503 answers, and the connection's faults.
 */

export const FAULT_PROFILE = hangingFaultProfile(["429", "500", "503"], 30_000);

export const { kinds: FAULT_KINDS, defaultKinds: DEFAULT_FAULT_KINDS, hangMs: DEFAULT_HANG_MS } = FAULT_PROFILE;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultOptions = z.infer<typeof FAULT_PROFILE.schema>;
