import type { IncomingMessage } from "node:http";
import { readBody as readText } from "../../sandbox-http.ts";
import type { z } from "zod";
import { apiErrors, HubSpotApiError } from "./errors.ts";

/** Small HTTP plumbing shared by the HubSpot routes and the control API. */

export interface SandboxRequest {
  method: string;
  path: string;
  /** Decoded path segments, trailing slash ignored. */
  segments: string[];
  query: URLSearchParams;
  rawBody: string;
  /** The sandbox's own origin, for paging links. */
  baseUrl: string;
}

export interface SandboxResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export { MAX_BODY_BYTES, pathSegments, writeJson } from "../../sandbox-http.ts";

export function readBody(req: IncomingMessage): Promise<string> {
  return readText(req, () => new HubSpotApiError(413, { message: "Request body too large.", category: "VALIDATION_ERROR" }));
}

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
