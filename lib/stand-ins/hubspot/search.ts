import { z } from "zod";
import { apiErrors } from "./errors.ts";
import { OBJECT_TYPES, type ObjectTypeName, type PropertyDefinition } from "./model.ts";
import type { CrmRecord, HubSpotSandboxStore } from "./store.ts";
import { parseInstant } from "./values.ts";

/**
 * POST /crm/v3/objects/{type}/search, with HubSpot's semantics: filters AND within a
 * group, groups OR together; at most 5 groups, 6 filters per group, 18 in all; limit up
 * to 200; and no paging past the 10,000th result.
 */

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const OPERATORS = [
  "EQ",
  "NEQ",
  "LT",
  "LTE",
  "GT",
  "GTE",
  "BETWEEN",
  "IN",
  "NOT_IN",
  "HAS_PROPERTY",
  "NOT_HAS_PROPERTY",
  "CONTAINS_TOKEN",
  "NOT_CONTAINS_TOKEN",
] as const;

const filterSchema = z.object({
  propertyName: z.string().min(1),
  operator: z.enum(OPERATORS),
  value: scalar.optional(),
  highValue: scalar.optional(),
  values: z.array(scalar).optional(),
});

const sortSchema = z.union([
  z.string().min(1).transform((s) => (s.startsWith("-") ? { propertyName: s.slice(1), direction: "DESCENDING" as const } : { propertyName: s, direction: "ASCENDING" as const })),
  z.object({ propertyName: z.string().min(1), direction: z.enum(["ASCENDING", "DESCENDING"]).default("ASCENDING") }),
]);

export const searchRequestSchema = z.object({
  filterGroups: z.array(z.object({ filters: z.array(filterSchema) })).default([]),
  sorts: z.array(sortSchema).default([]),
  query: z.string().optional(),
  properties: z.array(z.string()).optional(),
  limit: z.number().int().min(0).optional(),
  after: z.union([z.string(), z.number()]).optional(),
});

export type SearchRequest = z.infer<typeof searchRequestSchema>;
type Filter = z.infer<typeof filterSchema>;

export const SEARCH_MAX_LIMIT = 200;
const SEARCH_MAX_RESULTS = 10_000;

export interface SearchResult {
  total: number;
  records: CrmRecord[];
  nextAfter?: string;
}

export function search(store: HubSpotSandboxStore, type: ObjectTypeName, request: SearchRequest): SearchResult {
  const filterCount = request.filterGroups.reduce((n, g) => n + g.filters.length, 0);
  if (request.filterGroups.length > 5) throw apiErrors.validation("Too many filter groups: at most 5 are allowed.");
  if (request.filterGroups.some((g) => g.filters.length > 6)) throw apiErrors.validation("Too many filters in a group: at most 6 are allowed.");
  if (filterCount > 18) throw apiErrors.validation("Too many filters: at most 18 are allowed across all groups.");

  const limit = request.limit ?? 10;
  if (limit > SEARCH_MAX_LIMIT) throw apiErrors.validation(`limit must be no more than ${SEARCH_MAX_LIMIT}, was ${limit}.`);
  const offset = request.after === undefined || request.after === "" ? 0 : Number(request.after);
  if (!Number.isInteger(offset) || offset < 0) throw apiErrors.validation(`Invalid after cursor: ${String(request.after)}`);
  if (offset + limit > SEARCH_MAX_RESULTS) throw apiErrors.validation(`Paging past ${SEARCH_MAX_RESULTS} results is not supported; narrow the search.`);

  const definitions = new Map(store.properties(type).map((p) => [p.name, p]));
  const lookup = (name: string) => {
    const def = definitions.get(name);
    if (!def) throw apiErrors.validation(`Property "${name}" does not exist on ${type}.`, { propertyName: [name] });
    return def;
  };
  const groups = request.filterGroups.map((g) => g.filters.map((f) => ({ filter: f, def: lookup(f.propertyName) })));
  const sorts = request.sorts.map((s) => ({ ...s, def: lookup(s.propertyName) }));
  const words = tokens(request.query ?? "");

  const matches = store.list(type).filter((record) => {
    if (words.length > 0 && !matchesQuery(record, OBJECT_TYPES[type].queryProperties, words)) return false;
    if (groups.length === 0) return true;
    return groups.some((filters) => filters.every(({ filter, def }) => matchesFilter(record.properties[def.name], filter, def)));
  });

  if (sorts.length > 0) {
    matches.sort((a, b) => {
      for (const { def, direction } of sorts) {
        const c = compareStored(a.properties[def.name], b.properties[def.name], def, direction);
        if (c !== 0) return c;
      }
      return Number(a.id) - Number(b.id);
    });
  }

  const records = matches.slice(offset, offset + limit);
  const next = offset + limit;
  return { total: matches.length, records, ...(next < matches.length ? { nextAfter: String(next) } : {}) };
}

// ───────────────────────── comparison ─────────────────────────

type Comparable = number | string;

function comparable(value: string, def: PropertyDefinition): Comparable | undefined {
  switch (def.type) {
    case "number": {
      const n = Number(value);
      return Number.isNaN(n) ? undefined : n;
    }
    case "date":
    case "datetime":
      return parseInstant(value.trim());
    default:
      return value.toLowerCase();
  }
}

function compare(stored: string, value: string | undefined, def: PropertyDefinition): number | undefined {
  if (value === undefined) return undefined;
  const a = comparable(stored, def);
  const b = comparable(value, def);
  if (a === undefined || b === undefined) return undefined;
  return a < b ? -1 : a > b ? 1 : 0;
}

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}@._-]+/u)
    .filter(Boolean);
}

function tokenPattern(value: string): RegExp {
  const escaped = value.toLowerCase().replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`);
}

function containsToken(stored: string, value: string): boolean {
  const pattern = tokenPattern(value);
  return pattern.test(stored.toLowerCase()) || tokens(stored).some((t) => pattern.test(t));
}

function matchesFilter(stored: string | undefined, filter: Filter, def: PropertyDefinition): boolean {
  const has = stored !== undefined && stored !== "";
  const equals = (v: string | undefined) => has && compare(stored, v, def) === 0;
  const inList = () => (filter.values ?? []).some((v) => equals(v));
  switch (filter.operator) {
    case "HAS_PROPERTY":
      return has;
    case "NOT_HAS_PROPERTY":
      return !has;
    case "EQ":
      return equals(filter.value);
    case "NEQ":
      return !equals(filter.value);
    case "IN":
      return inList();
    case "NOT_IN":
      return !inList();
    case "LT":
    case "LTE":
    case "GT":
    case "GTE": {
      if (!has) return false;
      const c = compare(stored, filter.value, def);
      if (c === undefined) return false;
      return { LT: c < 0, LTE: c <= 0, GT: c > 0, GTE: c >= 0 }[filter.operator];
    }
    case "BETWEEN": {
      if (!has) return false;
      const low = compare(stored, filter.value, def);
      const high = compare(stored, filter.highValue, def);
      return low !== undefined && high !== undefined && low >= 0 && high <= 0;
    }
    case "CONTAINS_TOKEN":
      return has && filter.value !== undefined && containsToken(stored, filter.value);
    case "NOT_CONTAINS_TOKEN":
      return !(has && filter.value !== undefined && containsToken(stored, filter.value));
  }
}

function matchesQuery(record: CrmRecord, properties: string[], words: string[]): boolean {
  const haystack = properties.flatMap((p) => tokens(record.properties[p] ?? ""));
  return words.every((w) => haystack.some((t) => t.startsWith(w)));
}

/** Unset values sort last either way. */
function compareStored(a: string | undefined, b: string | undefined, def: PropertyDefinition, direction: "ASCENDING" | "DESCENDING"): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  const c = compare(a, b, def) ?? a.localeCompare(b);
  return direction === "DESCENDING" ? -c : c;
}
