import type { z } from "zod";
import { notionErrors } from "./errors.ts";

/**
 * Zod issues rewritten the way Notion words a validation_error, e.g.
 * "body failed validation: body.children[0].paragraph.rich_text[0].text.content.length should
 * be ≤ `2000`, instead was `2001`." Clients (and people reading logs) match on these, so the
 * stand-in keeps the vendor's phrasing: the path from `body` / `query` / `path`, the rule, and
 * the offending value, JSON-encoded and cut short like Notion cuts it.
 */

type Issue = z.core.$ZodIssue;
type Where = "body" | "query" | "path";

function pathText(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : `${text}.${String(key)}`), prefix);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** JSON for the "instead was" part, truncated after 50 characters as Notion does. */
export function shown(value: unknown): string {
  if (value === undefined) return "undefined";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 50 ? `${text.slice(0, 50)}...` : text;
}

const ARTICLE: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "a boolean",
  array: "an array",
  object: "an object",
  null: "`null`",
};

/**
 * A failed union reported through the alternative that got furthest before failing (the one
 * the caller meant), with nested unions unwrapped: its first issue, path made absolute.
 */
function resolveUnion(issue: Issue): Issue {
  if (issue.code !== "invalid_union" || (issue as { options?: unknown }).options || issue.errors.length === 0) return issue;
  let best: Issue | undefined;
  for (const alternative of issue.errors) {
    if (!alternative[0]) continue;
    const resolved = resolveUnion({ ...alternative[0], path: [...issue.path, ...alternative[0].path] } as Issue);
    if (!best || depth(resolved) > depth(best)) best = resolved;
  }
  return best ?? issue;
}

const depth = (issue: Issue) => issue.path.length + (issue.code === "unrecognized_keys" ? 1 : 0);

function issueLine(issue: Issue, root: unknown, where: Where, rootPath: readonly PropertyKey[]): string {
  const path = [...rootPath, ...issue.path];
  const here = pathText(where, path);
  const value = valueAt(root, issue.path);
  const was = `instead was \`${shown(value)}\``;
  switch (issue.code) {
    case "too_big":
    case "too_small": {
      const sign = issue.code === "too_big" ? "≤" : "≥";
      const limit = issue.code === "too_big" ? issue.maximum : issue.minimum;
      if (issue.origin === "array" || issue.origin === "string") {
        const length = Array.isArray(value) || typeof value === "string" ? value.length : 0;
        return `${here}.length should be ${sign} \`${String(limit)}\`, instead was \`${length}\``;
      }
      return `${here} should be ${sign} \`${String(limit)}\`, ${was}`;
    }
    case "invalid_type":
      if (value === undefined) return `${here} should be defined, instead was \`undefined\``;
      return `${here} should be ${ARTICLE[issue.expected] ?? issue.expected}, ${was}`;
    case "unrecognized_keys": {
      const key = issue.keys[0];
      return `${pathText(where, [...path, key])} should be not present, instead was \`${shown((value as Record<string, unknown>)?.[key])}\``;
    }
    case "invalid_value":
      return `${here} should be ${issue.values.map((v) => `\`${JSON.stringify(v)}\``).join(", ")}, ${was}`;
    case "invalid_union": {
      const options = (issue as { options?: unknown[] }).options;
      if (options) return `${here} should be one of ${options.map((v) => `\`${JSON.stringify(v)}\``).join(", ")}, ${was}`;
      const best = resolveUnion(issue);
      if (best !== issue) return issueLine(best, root, where, rootPath);
      return `${here} should be a valid value, ${was}`;
    }
    case "invalid_format":
      return `${here} should be a valid ${issue.format}, ${was}`;
    case "custom":
      // Custom rules carry the middle of the sentence ("should be …") as their message.
      return `${here} ${issue.message}, ${was}`;
    default:
      return `${here} ${issue.message}`;
  }
}

/** "body failed validation: <first problem>." — the error Notion answers any schema mismatch with. */
function validationError(issues: readonly Issue[], root: unknown, where: Where = "body", rootPath: readonly PropertyKey[] = []) {
  return notionErrors.validation(`${where} failed validation: ${issueLine(issues[0], root, where, rootPath)}.`);
}

/**
 * Parses `value` (found at `rootPath` under `where`) or throws Notion's validation_error.
 * `rootPath` only prefixes the reported path, e.g. ["properties", "Customer"].
 */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, where: Where = "body", rootPath: readonly PropertyKey[] = []): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(result.error.issues, value, where, rootPath);
}
