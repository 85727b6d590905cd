import { z } from "zod";
import { loadJsonFile } from "../shared/persistence.ts";
import { OBJECT_TYPE_NAMES } from "./model.ts";
import type { SandboxData } from "./store.ts";

/**
 * The shape of the HubSpot stand-in's data file; loading, checking and the debounced atomic
 * writes are shared with the other stand-ins (../shared/persistence.ts).
 */

const recordSchema = z.looseObject({ id: z.string(), properties: z.record(z.string(), z.string()) });
const dataSchema = z.looseObject({
  version: z.literal(1),
  portalId: z.number().int(),
  nextObjectId: z.number().int(),
  nextEventId: z.number().int(),
  objects: z.looseObject(Object.fromEntries(OBJECT_TYPE_NAMES.map((t) => [t, z.array(recordSchema).default([])]))),
  associations: z.array(z.looseObject({ fromType: z.enum(OBJECT_TYPE_NAMES), toType: z.enum(OBJECT_TYPE_NAMES) })),
  owners: z.array(z.looseObject({ id: z.string(), email: z.string() })),
  customProperties: z.looseObject({}),
});

export function loadSandboxData(file: string): SandboxData | undefined {
  return loadJsonFile(file, dataSchema, "HubSpot", { issuePath: false }) as unknown as SandboxData | undefined;
}
