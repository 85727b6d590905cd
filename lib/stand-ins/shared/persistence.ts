import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";

/**
 * JSON persistence for the stand-ins' demo data: loaded once at start, written after changes
 * (debounced) to a temporary file that is then renamed over the old one, so a crash mid-write
 * never leaves a truncated file behind. Each stand-in keeps its own schema for the file.
 */

export interface LoadJsonOptions {
  /** Name the failing field in the shape error, not just the problem (default true). */
  issuePath?: boolean;
}

/**
 * The file's data, checked against the schema; undefined when there is no file yet. A file
 * that is not JSON or not the expected shape stops the start with a message that says how to
 * recover, rather than being silently overwritten with fresh data.
 */
export function loadJsonFile<T extends z.ZodType>(file: string, schema: T, vendorName: string, options: LoadJsonOptions = {}): z.output<T> | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${vendorName} sandbox data file ${file} is not valid JSON (${(error as Error).message}); move it aside to start fresh.`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const detail = options.issuePath === false ? issue?.message : `${issue?.path.join(".")}: ${issue?.message}`;
    throw new Error(`${vendorName} sandbox data file ${file} has an unexpected shape (${detail}); move it aside to start fresh.`);
  }
  return result.data;
}

/** Writes pretty JSON through a temporary file and a rename, which replaces the old file in one step. */
export function writeJsonFileAtomic(file: string, data: unknown) {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(temporary, file);
}

/** A store whose whole state can be saved, and that says when it changes. */
export interface PersistentStore {
  onMutation(listener: () => void): () => void;
  toJSON(): unknown;
}

/**
 * Saves the store a moment after it changes, so a burst of writes (a sync run creating many
 * records) costs one file write rather than one each.
 */
export class DebouncedWriter {
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly file: string,
    private readonly store: PersistentStore,
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
    writeJsonFileAtomic(this.file, this.store.toJSON());
  }

  /** Writes anything pending and stops listening. */
  close() {
    const pending = this.timer !== undefined;
    this.unsubscribe();
    if (pending) this.flush();
  }
}
