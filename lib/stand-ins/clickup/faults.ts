import type { z } from "zod";
import { hangingFaultProfile } from "../shared/faults.ts";

/**
 * Injected failures for the sync engine's fault tests, as the other stand-ins inject them
 * (../shared/faults.ts): ClickUp's 429, 500 and 503 answers, and the connection's faults. After
 * a "lost_response" the task was created but the caller cannot know it (it must look the task
 * up by its Handoff ID before creating it again).
 */

export const FAULT_PROFILE = hangingFaultProfile(["429", "500", "503"], 30_000);

export const { kinds: FAULT_KINDS, defaultKinds: DEFAULT_FAULT_KINDS, hangMs: DEFAULT_HANG_MS } = FAULT_PROFILE;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultOptions = z.infer<typeof FAULT_PROFILE.schema>;
