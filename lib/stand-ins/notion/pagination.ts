import { z } from "zod";
import { notionErrors } from "./errors.ts";
import { normalizeId } from "./ids.ts";
import { parseOrThrow } from "./validation.ts";

/**
 * Notion's cursor pagination: `page_size` 1–100 (default 100), `next_cursor` is the id of the
 * first item of the next page and `start_cursor` must be such an id.
 */

export const MAX_PAGE_SIZE = 100;

export const pageSizeSchema = z.number().int().min(1).max(MAX_PAGE_SIZE);

export interface PageRequest {
  startCursor?: string;
  pageSize: number;
}

/** Reads start_cursor / page_size from a GET query string. */
export function queryPaging(query: URLSearchParams): PageRequest {
  const rawSize = query.get("page_size");
  const size = rawSize === null ? MAX_PAGE_SIZE : Number(rawSize);
  const pageSize = parseOrThrow(pageSizeSchema, Number.isNaN(size) ? rawSize : size, "query", ["page_size"]);
  return { startCursor: query.get("start_cursor") ?? undefined, pageSize };
}

export function paginate<T extends { id: string }>(items: readonly T[], request: PageRequest) {
  let start = 0;
  if (request.startCursor) {
    const cursor = normalizeId(request.startCursor);
    start = cursor ? items.findIndex((item) => item.id === cursor) : -1;
    if (start < 0) throw notionErrors.validation(`The start_cursor provided is invalid: ${request.startCursor}`);
  }
  const results = items.slice(start, start + request.pageSize);
  const next = items[start + request.pageSize];
  return { results, next_cursor: next?.id ?? null, has_more: next !== undefined };
}
