import { createHmac } from "node:crypto";
import { safeEqual } from "../../crypto/compare.ts";

/**
 * Slack request signatures (interactivity, slash commands, Events API).
 *
 * X-Slack-Signature is "v0=" + hex(HMAC-SHA256(signingSecret, "v0:" + timestamp + ":" + body)),
 * where timestamp is X-Slack-Request-Timestamp (epoch seconds) and body is the raw request
 * body byte for byte. Slack asks receivers to reject timestamps more than five minutes away.
 */

export const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;
export const SIGNATURE_VERSION = "v0";

type Body = string | Buffer;

const bodyText = (body: Body) => (typeof body === "string" ? body : body.toString("utf8"));

export interface SignSlackInput {
  signingSecret: string;
  /** X-Slack-Request-Timestamp: epoch seconds. */
  timestamp: number | string;
  /** The raw request body, byte for byte as sent. */
  body: Body;
}

export function signSlackRequest({ signingSecret, timestamp, body }: SignSlackInput): string {
  const base = `${SIGNATURE_VERSION}:${String(timestamp)}:${bodyText(body)}`;
  return `${SIGNATURE_VERSION}=${createHmac("sha256", signingSecret).update(base, "utf8").digest("hex")}`;
}

export type SlackVerifyFailure = "missing_signature" | "missing_timestamp" | "stale_timestamp" | "bad_signature";
export type SlackVerifyResult = { ok: true } | { ok: false; reason: SlackVerifyFailure };

export interface VerifySlackInput {
  signingSecret: string;
  /** X-Slack-Signature as received (may be absent). */
  signature: string | null | undefined;
  /** X-Slack-Request-Timestamp as received (may be absent): epoch seconds. */
  timestamp: string | number | null | undefined;
  body: Body;
  /** Epoch ms; defaults to Date.now(). */
  now?: number;
  /** How far the timestamp may be from now, either way. */
  toleranceMs?: number;
}

export function verifySlackRequest(input: VerifySlackInput): SlackVerifyResult {
  try {
    const signature = input.signature?.trim();
    if (!signature) return { ok: false, reason: "missing_signature" };

    const raw = input.timestamp === null || input.timestamp === undefined ? "" : String(input.timestamp).trim();
    if (!/^\d{1,13}$/.test(raw)) return { ok: false, reason: "missing_timestamp" };

    const now = input.now ?? Date.now();
    const tolerance = input.toleranceMs ?? DEFAULT_TOLERANCE_MS;
    if (Math.abs(now - Number(raw) * 1000) > tolerance) return { ok: false, reason: "stale_timestamp" };

    const expected = signSlackRequest({ signingSecret: input.signingSecret, timestamp: raw, body: input.body });
    return safeEqual(expected, signature) ? { ok: true } : { ok: false, reason: "bad_signature" };
  } catch {
    return { ok: false, reason: "bad_signature" };
  }
}
