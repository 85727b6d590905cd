import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce } from "./lib/http/csp";

/**
 * Runs before every request but static assets (Next.js only looks for this file at the top
 * level of the project):
 * - a path with a malformed %-escape is refused with a 400 here, before routing, which would
 *   otherwise fail on it with a bare 500;
 * - pages get a fresh nonce and the Content-Security-Policy that requires it (lib/http/csp.ts).
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (!decodable(pathname)) {
    const message = "This address has a malformed %-escape in its path.";
    return pathname.startsWith("/api/")
      ? NextResponse.json({ error: { code: "INVALID", message } }, { status: 400 })
      : new NextResponse(message, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  if (pathname.startsWith("/api/")) return NextResponse.next();

  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    https: (process.env.APP_URL ?? "").startsWith("https://"),
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

/** Whether every %-escape of the path decodes to UTF-8. */
function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
