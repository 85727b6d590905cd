import type { z } from "zod";
import type { SandboxResponse } from "../shared/http.ts";
import { apiErrors } from "./errors.ts";

/** Small HTTP plumbing shared by the API routes and the control API. */

export type { SandboxRequest, SandboxResponse } from "../shared/http.ts";

export const ok = (body: unknown): SandboxResponse => ({ status: 200, body });

/** A JSON object body; an empty body counts as `{}`. Anything else is ClickUp's 400. */
export function jsonObject(raw: string): Record<string, unknown> {
  if (raw.trim() === "") return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw apiErrors.invalidJson((error as Error).message);
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) throw apiErrors.invalidJson("expected an object");
  return json as Record<string, unknown>;
}

/** Validates a body (already parsed) against a schema, failing with a 400 that names the fields. */
export function validate<T extends z.ZodType>(body: unknown, schema: T): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw apiErrors.invalidInput(result.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
}
