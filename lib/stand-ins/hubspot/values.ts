import { propertyIssue, type PropertyIssue } from "./errors.ts";
import type { PropertyDefinition } from "./model.ts";

/**
 * How HubSpot accepts and stores property values. Everything is stored as a string;
 * dates become YYYY-MM-DD, datetimes ISO-8601 UTC, and an empty value clears the property.
 */

export type RawValue = string | number | boolean | null | undefined;

export const MAX_STRING_LENGTH = 65_536;

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const EPOCH_MS = /^-?\d{1,15}$/;
const ISO_LIKE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function validDateOnly(text: string): boolean {
  const m = DATE_ONLY.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Epoch ms of a datetime value as HubSpot accepts it (ISO-8601 or epoch ms), or undefined. */
export function parseInstant(text: string): number | undefined {
  if (EPOCH_MS.test(text)) return Number(text);
  if (DATE_ONLY.test(text)) return validDateOnly(text) ? Date.parse(`${text}T00:00:00Z`) : undefined;
  if (!ISO_LIKE.test(text)) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  const ms = Date.parse(hasZone ? text : `${text}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

export type Normalized = { ok: true; value: string | null } | { ok: false; issue: PropertyIssue };

const fail = (def: PropertyDefinition, error: string, message: string): Normalized => ({ ok: false, issue: propertyIssue(def.name, error, message) });

/**
 * Validates one incoming value against its definition. `value: null` means "clear it".
 * Owner references are checked by the caller, which knows the owners.
 */
export function normalizeValue(def: PropertyDefinition, raw: RawValue): Normalized {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  const text = String(raw).trim() === "" ? "" : String(raw);
  if (text === "") return { ok: true, value: null };

  switch (def.type) {
    case "string":
      if (text.length > MAX_STRING_LENGTH) {
        return fail(def, "INVALID_LENGTH", `Property "${def.name}" value is ${text.length} characters; the maximum is ${MAX_STRING_LENGTH}.`);
      }
      return { ok: true, value: text };
    case "number": {
      const t = text.trim();
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return fail(def, "INVALID_NUMBER", `${t} was not a valid number.`);
      return { ok: true, value: t };
    }
    case "bool": {
      const t = text.trim().toLowerCase();
      if (t !== "true" && t !== "false") return fail(def, "INVALID_BOOLEAN", `${text} was not a valid boolean (true or false).`);
      return { ok: true, value: t };
    }
    case "date": {
      const t = text.trim();
      if (validDateOnly(t)) return { ok: true, value: t };
      const ms = parseInstant(t);
      if (ms !== undefined && ms % DAY_MS === 0) return { ok: true, value: new Date(ms).toISOString().slice(0, 10) };
      return fail(
        def,
        "INVALID_DATE",
        `${t} is not a valid date for "${def.name}": use YYYY-MM-DD or a UNIX timestamp in milliseconds at midnight UTC.`,
      );
    }
    case "datetime": {
      const ms = parseInstant(text.trim());
      if (ms === undefined) return fail(def, "INVALID_DATE", `${text} is not a valid datetime for "${def.name}": use ISO-8601 or a UNIX timestamp in milliseconds.`);
      return { ok: true, value: new Date(ms).toISOString() };
    }
    case "enumeration": {
      if (def.externalOptions) return { ok: true, value: text.trim() };
      const values = def.fieldType === "checkbox" ? text.split(";") : [text];
      const allowed = def.options.map((o) => o.value);
      const bad = values.find((v) => !allowed.includes(v));
      if (bad !== undefined) return fail(def, "INVALID_OPTION", `${bad} was not one of the allowed options: [${allowed.join(", ")}]`);
      return { ok: true, value: text };
    }
  }
}
