/**
 * Where to send someone after they sign in. The requested target is resolved against the
 * app's own URL the way a browser would resolve it (so `/\evil.example` is the other site it
 * looks like) and kept only when it stays on the app's origin; anything else goes to the queue.
 */
export const DEFAULT_CALLBACK = "/handoffs";

/** The path, query and hash of `requested` when it resolves onto the app's origin; otherwise null. */
export function sameOriginPath(requested: string | null | undefined, appUrl: string): string | null {
  if (!requested) return null;
  try {
    const base = new URL(appUrl);
    const target = new URL(requested, base);
    return target.origin === base.origin ? `${target.pathname}${target.search}${target.hash}` : null;
  } catch {
    return null;
  }
}

export function safeCallbackUrl(requested: string | null | undefined, appUrl: string): string {
  const path = sameOriginPath(requested, appUrl);
  if (!path || path.startsWith("/login") || path.startsWith("/api/")) return DEFAULT_CALLBACK;
  return path;
}
