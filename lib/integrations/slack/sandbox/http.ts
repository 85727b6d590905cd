import type { IncomingMessage } from "node:http";
import { readBody as readText } from "../../sandbox-http.ts";

/** Small HTTP plumbing shared by the Web API methods and the control API. */

export interface SandboxRequest {
  method: string;
  path: string;
  /** Decoded path segments, trailing slash ignored. */
  segments: string[];
  query: URLSearchParams;
  contentType: string;
  authorization: string | undefined;
  rawBody: string;
}

export interface SandboxResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export { MAX_BODY_BYTES, pathSegments, writeJson } from "../../sandbox-http.ts";

export class BodyTooLargeError extends Error {}

export function readBody(req: IncomingMessage): Promise<string> {
  return readText(req, () => new BodyTooLargeError("Request body too large"));
}

export type Params = Record<string, unknown>;

/**
 * Web API arguments as Slack reads them: the query string, then a form-encoded or JSON body.
 * Form values are strings (the SDK sends `blocks` as a JSON string); JSON values keep their types.
 * A JSON body that does not parse, or is not an object, gets the error Slack answers it with.
 */
export function readParams(req: SandboxRequest): { params: Params } | { error: "invalid_json" | "json_not_object" } {
  const params: Params = Object.fromEntries(req.query);
  if (req.rawBody.trim() === "") return { params };
  if (req.contentType.includes("application/json")) {
    let json: unknown;
    try {
      json = JSON.parse(req.rawBody);
    } catch {
      return { error: "invalid_json" };
    }
    if (!json || typeof json !== "object" || Array.isArray(json)) return { error: "json_not_object" };
    return { params: { ...params, ...(json as Params) } };
  }
  return { params: { ...params, ...Object.fromEntries(new URLSearchParams(req.rawBody)) } };
}

/** Parses a control API JSON body; undefined when it is not JSON. */
export function jsonBody(raw: string): unknown {
  try {
    return raw.trim() === "" ? {} : JSON.parse(raw);
  } catch {
    return undefined;
  }
}
