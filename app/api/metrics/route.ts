import { safeEqual } from "@/lib/crypto/compare";
import { env } from "@/lib/env";
import { prometheusMetrics } from "@/lib/sync/operations";

export const dynamic = "force-dynamic";

function authorized(header: string | null, token: string): boolean {
  return safeEqual(token, header?.replace(/^Bearer\s+/i, "") ?? "");
}

/** Prometheus metrics of the sync engine, for a scraper holding METRICS_TOKEN. */
export async function GET(request: Request) {
  const token = env().METRICS_TOKEN;
  if (!token) return new Response("Metrics are off: set METRICS_TOKEN.\n", { status: 404 });
  if (!authorized(request.headers.get("authorization"), token)) {
    return new Response("Unauthorized\n", { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } });
  }
  return new Response(await prometheusMetrics(), { headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" } });
}
