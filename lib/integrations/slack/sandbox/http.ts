import type { IncomingMessage, ServerResponse } from "node:http";

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

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLargeError("Request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function pathSegments(pathname: string): string[] {
  return pathname
    .split("/")
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
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

export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent || res.destroyed) return;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
