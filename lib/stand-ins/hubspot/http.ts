import type { SandboxRequest as BaseRequest } from "../shared/http.ts";
import type { z } from "zod";
import { apiErrors } from "./errors.ts";

/** Small HTTP plumbing shared by the HubSpot routes and the control API. */

export interface SandboxRequest extends BaseRequest {
  /** The sandbox's own origin, for paging links. */
  baseUrl: string;
}

export type { SandboxResponse } from "../shared/http.ts";

/** Parses a JSON body against a schema, failing the way HubSpot does: a 400 VALIDATION_ERROR. */
export function parseBody<T extends z.ZodType>(raw: string, schema: T): z.output<T> {
  let json: unknown;
  try {
    json = raw.trim() === "" ? undefined : JSON.parse(raw);
  } catch (error) {
    throw apiErrors.validation(`Invalid input JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    throw apiErrors.validation(`Invalid input JSON: ${detail}`);
  }
  return result.data;
}
