import { invalid, tooLarge } from "../errors.ts";

/**
 * Reading request bodies defensively: a body is read only up to its byte limit (a 20 MB upload
 * is cut off at the limit, not buffered first), and JSON is refused — with a 4xx that says why —
 * when it nests deeper than any form of ours does or carries text PostgreSQL cannot store
 * (NUL characters, unpaired surrogates).
 */

const MAX_DEPTH = 32;

function limitMessage(maxBytes: number): string {
  if (maxBytes >= 1024 * 1024) return `The body is larger than ${Math.round(maxBytes / (1024 * 1024))} MB.`;
  if (maxBytes >= 1024) return `The body is larger than ${Math.round(maxBytes / 1024)} KB.`;
  return `The body is larger than ${maxBytes} bytes.`;
}

/** The body as UTF-8 text, reading no more than `maxBytes` (a declared larger length is refused before reading). */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(limitMessage(maxBytes));
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limitMessage(maxBytes));
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored, or null when it can. */
export function unstorableText(value: string): string | null {
  if (NUL.test(value)) return "Text may not contain NUL characters.";
  if (LONE_SURROGATE.test(value)) return "Text contains an invalid character (an unpaired surrogate).";
  return null;
}

/** Checks every string (keys too) and the nesting depth of parsed JSON. */
export function assertStorableJson(value: unknown, depth = 0): void {
  if (depth > MAX_DEPTH) throw invalid(`The JSON nests deeper than ${MAX_DEPTH} levels.`);
  if (typeof value === "string") {
    const problem = unstorableText(value);
    if (problem) throw invalid(problem);
  } else if (Array.isArray(value)) {
    for (const item of value) assertStorableJson(item, depth + 1);
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      assertStorableJson(key, depth + 1);
      assertStorableJson(item, depth + 1);
    }
  }
}

/** Refuses nesting before JSON.parse sees it: counts brackets outside strings, without recursion. */
function assertShallow(text: string) {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) throw invalid(`The JSON nests deeper than ${MAX_DEPTH} levels.`);
    } else if (c === 125 || c === 93) depth--;
  }
}

export function parseJsonBody(text: string): unknown {
  assertShallow(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text || "{}");
  } catch {
    throw invalid("The request body is not valid JSON.");
  }
  assertStorableJson(parsed);
  return parsed;
}
