import { requireActor } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { auditExport } from "@/lib/kpi/exports";
import { assertPeriod, kpiFiltersSchema } from "@/lib/kpi/filters";
import { proofBrief } from "@/lib/kpi/proof-brief";

/**
 * GET ?<filters>: the PDF proof brief for the period — KPIs against baseline and targets, charts,
 * overrides, QA findings; 422 with the reason for a period that cannot be shown.
 */
export const GET = route(async (request) => {
  const actor = await requireActor("dashboard:view");
  const filters = assertPeriod(kpiFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams)));
  const pdf = await proofBrief(filters);
  await auditExport(actor, "proof-brief", "pdf", filters);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="handoff-proof-brief-${new Date().toISOString().slice(0, 10)}.pdf"`,
      "Cache-Control": "no-store",
    },
  });
});
