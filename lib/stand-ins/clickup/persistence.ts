import { z } from "zod";
import { loadJsonFile } from "../shared/persistence.ts";
import type { SandboxData } from "./store.ts";

/**
 * The shape of the ClickUp stand-in's data file; loading, checking and the debounced atomic
 * writes are shared with the other stand-ins (../shared/persistence.ts).
 */

const id = z.string().min(1);
const millis = z.number().int().nullable();

const dataSchema = z.object({
  version: z.literal(1),
  nextId: z.number().int(),
  folders: z.array(z.object({ id, spaceId: id, name: z.string(), orderindex: z.number().int(), dateCreated: z.number().int() })),
  lists: z.array(
    z.object({
      id,
      spaceId: id,
      folderId: id.nullable(),
      name: z.string(),
      content: z.string(),
      orderindex: z.number().int(),
      dueDate: millis,
      dueDateTime: z.boolean(),
      priority: z.number().int().nullable(),
      assignee: z.number().int().nullable(),
      color: z.string().nullable(),
      dateCreated: z.number().int(),
    }),
  ),
  tasks: z.array(
    z.object({
      id,
      listId: id,
      name: z.string(),
      description: z.string(),
      markdown: z.string().nullable(),
      status: z.string(),
      priority: z.number().int().nullable(),
      assignees: z.array(z.number().int()),
      watchers: z.array(z.number().int()),
      tags: z.array(z.string()),
      dueDate: millis,
      dueDateTime: z.boolean(),
      startDate: millis,
      startDateTime: z.boolean(),
      parent: id.nullable(),
      creator: z.number().int(),
      dateCreated: z.number().int(),
      dateUpdated: z.number().int(),
      dateClosed: millis,
      archived: z.boolean(),
      orderindex: z.number().int(),
      fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    }),
  ),
  dependencies: z.array(z.object({ taskId: id, dependsOn: id, dateCreated: z.number().int(), userId: z.number().int() })),
  links: z.array(z.object({ taskId: id, linkId: id, dateCreated: z.number().int(), userId: z.number().int() })),
});

export function loadSandboxData(file: string): SandboxData | undefined {
  return loadJsonFile(file, dataSchema, "ClickUp");
}
