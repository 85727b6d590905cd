import { appendChildren, deleteBlock, getBlock, listChildren, updateBlock } from "./api-blocks.ts";
import { getDatabase, getDataSource, queryDataSource } from "./api-data.ts";
import { createPage, getPage, updatePage } from "./api-pages.ts";
import { getSelf, getUser, listUsers } from "./api-users.ts";
import { notionErrors } from "./errors.ts";
import { normalizeId } from "./ids.ts";
import type { NotionSandboxStore } from "./store.ts";
import { shown } from "./validation.ts";

/**
 * The /v1 routes the stand-in answers and the request plumbing every handler shares: path
 * ids (with or without dashes) normalised, JSON bodies parsed, Notion's 500 KB payload limit.
 * Auth, version, faults and rate limiting happen in the server before a route runs.
 */

export interface ApiContext {
  store: NotionSandboxStore;
}

export interface ApiCall {
  /** Path ids, dashed. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body ({} for GET/DELETE or an empty body). */
  body: Record<string, unknown>;
}

type Handler = (ctx: ApiContext, call: ApiCall) => unknown;

interface Route {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Segments after /v1; ":name" captures an id. */
  pattern: string[];
  handler: Handler;
}

const route = (method: Route["method"], path: string, handler: Handler): Route => ({ method, pattern: path.split("/"), handler });

const ROUTES: Route[] = [
  route("GET", "users/me", getSelf),
  route("GET", "users/:user_id", getUser),
  route("GET", "users", listUsers),
  route("GET", "databases/:database_id", getDatabase),
  route("GET", "data_sources/:data_source_id", getDataSource),
  route("POST", "data_sources/:data_source_id/query", queryDataSource),
  route("POST", "pages", createPage),
  route("GET", "pages/:page_id", getPage),
  route("PATCH", "pages/:page_id", updatePage),
  route("GET", "blocks/:block_id/children", listChildren),
  route("PATCH", "blocks/:block_id/children", appendChildren),
  route("GET", "blocks/:block_id", getBlock),
  route("PATCH", "blocks/:block_id", updateBlock),
  route("DELETE", "blocks/:block_id", deleteBlock),
];

export interface MatchedRoute {
  handler: Handler;
  /** Raw path captures, checked by `readPathIds`. */
  captures: Record<string, string>;
}

/** The route for a request, or undefined (Notion's invalid_request_url). */
export function matchRoute(method: string, segments: readonly string[]): MatchedRoute | undefined {
  if (segments[0] !== "v1") return undefined;
  const rest = segments.slice(1);
  for (const r of ROUTES) {
    if (r.method !== method || r.pattern.length !== rest.length) continue;
    const captures: Record<string, string> = {};
    const fits = r.pattern.every((part, i) => {
      if (part.startsWith(":")) {
        captures[part.slice(1)] = rest[i];
        return true;
      }
      return part === rest[i];
    });
    if (fits) return { handler: r.handler, captures };
  }
  return undefined;
}

/** Path ids in dashed form; anything that is not a UUID gets Notion's path validation_error. */
export function readPathIds(captures: Record<string, string>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, raw] of Object.entries(captures)) {
    const id = normalizeId(raw);
    if (!id) throw notionErrors.invalidPathId(name, raw);
    params[name] = id;
  }
  return params;
}

/** Notion rejects request bodies over 500 KB. */
export const MAX_PAYLOAD_BYTES = 500 * 1024;

export function readJsonBody(method: string, raw: string): Record<string, unknown> {
  if (method === "GET" || method === "DELETE" || raw.trim() === "") return {};
  if (Buffer.byteLength(raw) > MAX_PAYLOAD_BYTES) throw notionErrors.validation(`Request body too large: the limit is ${MAX_PAYLOAD_BYTES / 1024}KB.`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw notionErrors.invalidJson();
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw notionErrors.validation(`body failed validation: body should be an object, instead was \`${shown(json)}\`.`);
  }
  return json as Record<string, unknown>;
}
