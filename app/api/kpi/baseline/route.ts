import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { captureBaseline } from "@/lib/kpi/dashboard";
import { kpiFiltersSchema } from "@/lib/kpi/filters";

/** POST ?<filters>: freeze the current KPI values for these filters as the baseline (audited). */
export const POST = route(async (request) => {
  const actor = await requireActor("dashboard:view");
  const filters = kpiFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const baseline = await captureBaseline(actor, filters);
  return NextResponse.json(baseline, { status: 201 });
});
