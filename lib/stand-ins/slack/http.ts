import type { SandboxRequest as BaseRequest } from "../shared/http.ts";

/** Small HTTP plumbing shared by the Web API methods and the control API. */

export interface SandboxRequest extends BaseRequest {
  contentType: string;
  authorization: string | undefined;
}

export type { SandboxResponse } from "../shared/http.ts";

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
