import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { OBJECT_TYPE_NAMES } from "./model.ts";
import type { HubSpotSandboxStore, SandboxData } from "./store.ts";

/**
 * JSON persistence for demo data: loaded once at start, written after changes (debounced)
 * to a temporary file that is then renamed over the old one, so a crash mid-write never
 * leaves a truncated file behind.
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
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`HubSpot sandbox data file ${file} is not valid JSON (${(error as Error).message}); move it aside to start fresh.`);
  }
  const result = dataSchema.safeParse(parsed);
  if (!result.success) {
    throw new Error(`HubSpot sandbox data file ${file} has an unexpected shape (${result.error.issues[0]?.message}); move it aside to start fresh.`);
  }
  return result.data as unknown as SandboxData;
}

export function writeSandboxData(file: string, data: SandboxData) {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(temporary, file);
}

export class DebouncedWriter {
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly file: string,
    private readonly store: HubSpotSandboxStore,
    private readonly delayMs = 50,
  ) {
    this.unsubscribe = store.onMutation(() => this.schedule());
  }

  private schedule() {
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    writeSandboxData(this.file, this.store.toJSON());
  }

  /** Writes anything pending and stops listening. */
  close() {
    const pending = this.timer !== undefined;
    this.unsubscribe();
    if (pending) this.flush();
  }
}
