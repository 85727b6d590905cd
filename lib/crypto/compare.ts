import { timingSafeEqual } from "node:crypto";

/** Constant-time comparison of two strings that never throws on a length mismatch. */
export function safeEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(actual, "utf8");
  if (a.length !== b.length) {
    // Burn the same work as a real comparison so timing says nothing beyond the length.
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}
