import { hubspotWriteBack } from "../integrations/hubspot/writeback.ts";
import { registerEffect } from "./handlers.ts";

/** Every outbound effect the worker knows how to perform. */
export function registerEffects(): void {
  registerEffect("hubspot.writeback", hubspotWriteBack);
}
