import { z } from "zod";
import { notionErrors } from "./errors.ts";
import { newId } from "./ids.ts";
import { MAX_TEXT_LENGTH, plainText, richTextSchema, toRichText, type RichText } from "./rich-text.ts";
import { parseOrThrow } from "./validation.ts";

/**
 * Data source properties: the schema (name, id, type, select options) and page values checked
 * against it the way Notion checks them. A name that is not in the schema gets
 * "<name> is not a property that exists."; a value of another type gets
 * "<name> is expected to be <type>."; a malformed value gets a path-style validation_error.
 * Only the property types the briefs data source uses are modelled.
 */

export const PROPERTY_TYPES = ["title", "rich_text", "select", "date", "url"] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export const SELECT_COLORS = ["default", "gray", "brown", "orange", "yellow", "green", "blue", "purple", "pink", "red"] as const;
export type SelectColor = (typeof SELECT_COLORS)[number];

export interface SelectOption {
  id: string;
  name: string;
  color: SelectColor;
  description: string | null;
}

export interface PropertySchema {
  id: string;
  name: string;
  type: PropertyType;
  /** Select properties only. */
  options?: SelectOption[];
}

export type DateValue = { start: string; end: string | null; time_zone: string | null };

export type PropertyValue =
  | { type: "title"; title: RichText[] }
  | { type: "rich_text"; rich_text: RichText[] }
  | { type: "select"; select: { id: string; name: string; color: SelectColor } | null }
  | { type: "date"; date: DateValue | null }
  | { type: "url"; url: string | null };

/** Every value type Notion knows, to tell "wrong type" from "not a property value at all". */
const VALUE_KEYS = [
  "title",
  "rich_text",
  "number",
  "select",
  "multi_select",
  "status",
  "date",
  "people",
  "files",
  "checkbox",
  "url",
  "email",
  "phone_number",
  "relation",
  "place",
  "verification",
] as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const isoDate = z.string().refine((s) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(s)), { message: "should be a valid ISO 8601 date string" });

const VALUE_SCHEMAS: Record<PropertyType, z.ZodType> = {
  title: richTextSchema,
  rich_text: richTextSchema,
  url: z.string().max(MAX_TEXT_LENGTH).nullable(),
  select: z
    .strictObject({
      id: z.string().optional(),
      name: z.string().min(1).max(100).optional(),
      color: z.enum(SELECT_COLORS).optional(),
      description: z.string().nullable().optional(),
    })
    .refine((option) => option.id !== undefined || option.name !== undefined, { message: "should have a `name` or an `id`" })
    .nullable(),
  date: z.strictObject({ start: isoDate, end: isoDate.nullable().optional(), time_zone: z.string().nullable().optional() }).nullable(),
};

export function emptyValue(schema: PropertySchema): PropertyValue {
  switch (schema.type) {
    case "title":
      return { type: "title", title: [] };
    case "rich_text":
      return { type: "rich_text", rich_text: [] };
    case "select":
      return { type: "select", select: null };
    case "date":
      return { type: "date", date: null };
    case "url":
      return { type: "url", url: null };
  }
}

export interface ParsedProperties {
  /** By property id. */
  values: Record<string, PropertyValue>;
  /** Select options named in the request that the schema does not have yet; Notion adds them. */
  newOptions: Array<{ propertyId: string; option: SelectOption }>;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** Checks `input` (the request's `properties`) against `schema`; throws Notion's validation_error. */
export function parseProperties(schema: readonly PropertySchema[], input: unknown): ParsedProperties {
  const record = parseOrThrow(z.record(z.string(), z.unknown()), input, "body", ["properties"]);
  const problems: string[] = [];
  const matched: Array<[string, PropertySchema, Record<string, unknown>]> = [];
  for (const [key, raw] of Object.entries(record)) {
    const property = schema.find((p) => p.name === key || p.id === key);
    if (!property) {
      problems.push(`${key} is not a property that exists.`);
      continue;
    }
    if (!isObject(raw)) {
      parseOrThrow(z.object({}), raw, "body", ["properties", key]);
      continue;
    }
    const declared = typeof raw.type === "string" ? raw.type : VALUE_KEYS.find((k) => k in raw);
    if (declared !== undefined && declared !== property.type) problems.push(`${property.name} is expected to be ${property.type}.`);
    else matched.push([key, property, raw]);
  }
  if (problems.length > 0) throw notionErrors.validation(problems.join(" "));

  const parsed: ParsedProperties = { values: {}, newOptions: [] };
  for (const [key, property, raw] of matched) {
    const shape = z.strictObject({ type: z.literal(property.type).optional(), [property.type]: VALUE_SCHEMAS[property.type] });
    const value = (parseOrThrow(shape, raw, "body", ["properties", key]) as Record<string, unknown>)[property.type];
    parsed.values[property.id] = toValue(property, value, parsed.newOptions, key);
  }
  return parsed;
}

function toValue(property: PropertySchema, value: unknown, newOptions: ParsedProperties["newOptions"], key: string): PropertyValue {
  switch (property.type) {
    case "title":
      return { type: "title", title: toRichText(value as z.infer<typeof richTextSchema>) };
    case "rich_text":
      return { type: "rich_text", rich_text: toRichText(value as z.infer<typeof richTextSchema>) };
    case "url":
      return { type: "url", url: value as string | null };
    case "date": {
      const date = value as { start: string; end?: string | null; time_zone?: string | null } | null;
      return { type: "date", date: date ? { start: date.start, end: date.end ?? null, time_zone: date.time_zone ?? null } : null };
    }
    case "select": {
      const wanted = value as { id?: string; name?: string; color?: SelectColor } | null;
      if (!wanted) return { type: "select", select: null };
      const options = [...(property.options ?? []), ...newOptions.filter((n) => n.propertyId === property.id).map((n) => n.option)];
      const found = wanted.id !== undefined ? options.find((o) => o.id === wanted.id) : options.find((o) => o.name === wanted.name);
      if (!found && wanted.id !== undefined) {
        throw notionErrors.validation(`body failed validation: body.properties.${key}.select.id should be the id of an existing option, instead was \`${JSON.stringify(wanted.id)}\`.`);
      }
      const option = found ?? { id: newId(), name: wanted.name!, color: wanted.color ?? "default", description: null };
      if (!found) newOptions.push({ propertyId: property.id, option });
      return { type: "select", select: { id: option.id, name: option.name, color: option.color } };
    }
  }
}

/** The value a page answers with: `{ id, type, <type>: … }`. */
export const propertyValueView = (property: PropertySchema, value: PropertyValue | undefined) => ({ id: property.id, ...(value ?? emptyValue(property)) });

/** The schema entry a data source answers with. */
export function propertySchemaView(property: PropertySchema) {
  const config = property.type === "select" ? { options: property.options ?? [] } : {};
  return { id: property.id, name: property.name, description: null, type: property.type, [property.type]: config };
}

/** A value reduced to what a person reads: text, option name, date (or "start/end"), URL. */
export function plainValue(value: PropertyValue): string | null {
  switch (value.type) {
    case "title":
      return plainText(value.title);
    case "rich_text":
      return plainText(value.rich_text);
    case "select":
      return value.select?.name ?? null;
    case "date":
      return value.date ? (value.date.end ? `${value.date.start}/${value.date.end}` : value.date.start) : null;
    case "url":
      return value.url;
  }
}
