import { NextResponse } from "next/server";
import { checkDatabase } from "@/lib/db/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await checkDatabase();
  const ok = database.status === "up";
  return NextResponse.json(
    { status: ok ? "ok" : "degraded", database: { status: database.status, latencyMs: database.latencyMs, migrations: database.migrations } },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
