import { randomUUID } from "node:crypto";
import { z } from "zod";

/**
 * Notion ids are UUIDs. The API takes them with or without dashes (page URLs carry the
 * compact form) and always answers with the dashed, lower-case form.
 */

const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COMPACT = /^[0-9a-f]{32}$/i;

/** The dashed form, or undefined when `raw` is not a UUID in either spelling. */
export function normalizeId(raw: string): string | undefined {
  if (DASHED.test(raw)) return raw.toLowerCase();
  if (!COMPACT.test(raw)) return undefined;
  const h = raw.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const compactId = (id: string) => id.replaceAll("-", "");

export const newId = () => randomUUID();

/** An id in a request body (parent, after, position): either spelling, answered dashed. */
export const idSchema = z
  .string()
  .refine((s) => normalizeId(s) !== undefined, { message: "should be a valid uuid" })
  .transform((s) => normalizeId(s)!);
