import { z } from "zod";
import { loadJsonFile } from "../shared/persistence.ts";
import { BLOCK_TYPES } from "./blocks.ts";
import { PROPERTY_TYPES } from "./properties.ts";
import type { SandboxData } from "./store.ts";

/**
 * The shape of the Notion stand-in's data file; loading, checking and the debounced atomic
 * writes are shared with the other stand-ins (../shared/persistence.ts).
 */

const timestamps = { createdTime: z.string(), lastEditedTime: z.string() };
const dataSchema = z.object({
  version: z.literal(1),
  dataSources: z.array(
    z.looseObject({
      id: z.string(),
      databaseId: z.string(),
      title: z.string(),
      properties: z.array(z.looseObject({ id: z.string(), name: z.string(), type: z.enum(PROPERTY_TYPES) })),
      ...timestamps,
    }),
  ),
  pages: z.array(
    z.looseObject({
      id: z.string(),
      parent: z.looseObject({ type: z.enum(["data_source_id", "page_id"]) }),
      properties: z.record(z.string(), z.looseObject({ type: z.enum(PROPERTY_TYPES) })),
      inTrash: z.boolean(),
      children: z.array(z.string()),
      ...timestamps,
    }),
  ),
  blocks: z.array(
    z.looseObject({
      id: z.string(),
      parent: z.looseObject({ type: z.enum(["page_id", "block_id"]) }),
      type: z.enum(BLOCK_TYPES),
      content: z.record(z.string(), z.unknown()),
      inTrash: z.boolean(),
      children: z.array(z.string()),
      ...timestamps,
    }),
  ),
});

export function loadSandboxData(file: string): SandboxData | undefined {
  return loadJsonFile(file, dataSchema, "Notion") as unknown as SandboxData | undefined;
}
