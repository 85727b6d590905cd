import type { IncomingMessage, ServerResponse } from "node:http";
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

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HubSpotApiError(413, { message: "Request body too large.", category: "VALIDATION_ERROR" }));
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

export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent || res.destroyed) return;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (body === undefined || status === 204) {
    res.writeHead(status);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json;charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
