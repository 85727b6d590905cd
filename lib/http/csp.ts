/**
 * The Content-Security-Policy for pages, with a fresh nonce per request (proxy.ts sets it on the
 * request, where Next.js reads it to put the nonce on its own scripts, and on the response).
 *
 * - Scripts run only with the nonce; 'strict-dynamic' lets those load the chunks they need.
 * - Styles allow 'unsafe-inline': charts and a few components set style attributes, which a
 *   nonce cannot cover. Styles cannot run code.
 * - Nothing may frame the app, post forms elsewhere, or change the base URL.
 * - In development React needs eval for its error overlays; never in production.
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean; https?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** 128 random bits, base64: unguessable and new for every page view. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
