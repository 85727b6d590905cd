import { createHash, createHmac } from "node:crypto";
import { safeEqual } from "../../crypto/compare.ts";

/**
 * HubSpot request signatures (webhooks, workflow actions, CRM cards).
 *
 * v3 (X-HubSpot-Signature-v3): base64(HMAC-SHA256(clientSecret, method + uri + body + timestamp)),
 * where uri is the full request URL with a fixed set of percent-escapes decoded, and timestamp is
 * X-HubSpot-Request-Timestamp (epoch ms). Requests older than five minutes are to be rejected.
 *
 * We verify ourselves instead of using the SDK's `Signature.isValid`: it compares with `===`,
 * skips the URI decoding, and throws (rather than answering false) on a stale timestamp.
 */

export const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;

// The escapes HubSpot's v3 docs list; everything else (e.g. %20) stays encoded.
const DECODED_ESCAPES: Record<string, string> = {
  "%3A": ":",
  "%2F": "/",
  "%3F": "?",
  "%40": "@",
  "%21": "!",
  "%24": "$",
  "%27": "'",
  "%28": "(",
  "%29": ")",
  "%2A": "*",
  "%2C": ",",
  "%3B": ";",
};

const ESCAPE_PATTERN = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/** The URI exactly as HubSpot hashes it for v3. */
export function normalizeV3Uri(uri: string): string {
  return uri.replace(ESCAPE_PATTERN, (escape) => DECODED_ESCAPES[escape.toUpperCase()] ?? escape);
}

type Body = string | Buffer;

const bodyText = (body: Body | undefined) => (body === undefined ? "" : typeof body === "string" ? body : body.toString("utf8"));

export interface SignV3Input {
  clientSecret: string;
  method: string;
  /** The full URL HubSpot called, scheme and host included. */
  uri: string;
  /** The raw request body, byte for byte as received. */
  body: Body;
  /** X-HubSpot-Request-Timestamp: epoch milliseconds. */
  timestamp: number | string;
}

export function signV3({ clientSecret, method, uri, body, timestamp }: SignV3Input): string {
  const source = `${method.toUpperCase()}${normalizeV3Uri(uri)}${bodyText(body)}${String(timestamp)}`;
  return createHmac("sha256", clientSecret).update(source, "utf8").digest("base64");
}

export type VerifyFailure = "missing_signature" | "missing_timestamp" | "stale_timestamp" | "bad_signature";
export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

export interface VerifyV3Input {
  clientSecret: string;
  method: string;
  uri: string;
  body: Body;
  /** X-HubSpot-Signature-v3 as received (may be absent). */
  signature: string | null | undefined;
  /** X-HubSpot-Request-Timestamp as received (may be absent). */
  timestamp: string | number | null | undefined;
  /** Epoch ms; defaults to Date.now(). */
  now?: number;
  /** How far the timestamp may be from now, either way. */
  toleranceMs?: number;
}


export function verifyV3(input: VerifyV3Input): VerifyResult {
  try {
    const signature = input.signature?.trim();
    if (!signature) return { ok: false, reason: "missing_signature" };

    const raw = input.timestamp === null || input.timestamp === undefined ? "" : String(input.timestamp).trim();
    if (!/^\d{1,16}$/.test(raw)) return { ok: false, reason: "missing_timestamp" };
    const timestamp = Number(raw);

    const now = input.now ?? Date.now();
    const tolerance = input.toleranceMs ?? DEFAULT_TOLERANCE_MS;
    if (Math.abs(now - timestamp) > tolerance) return { ok: false, reason: "stale_timestamp" };

    const expected = signV3({ clientSecret: input.clientSecret, method: input.method, uri: input.uri, body: input.body, timestamp: raw });
    return safeEqual(expected, signature) ? { ok: true } : { ok: false, reason: "bad_signature" };
  } catch {
    return { ok: false, reason: "bad_signature" };
  }
}

/**
 * v2 (X-HubSpot-Signature with X-HubSpot-Signature-Version: v2): hex(SHA-256(clientSecret + method + uri + body)).
 * Kept because HubSpot publishes known-answer vectors for it, which pin down the concatenation
 * and encoding that v3 shares; the app itself only accepts v3.
 */
export function signV2({ clientSecret, method, uri, body }: Omit<SignV3Input, "timestamp">): string {
  return createHash("sha256").update(`${clientSecret}${method.toUpperCase()}${uri}${bodyText(body)}`, "utf8").digest("hex");
}
