import { requireActor } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { exportExecutiveBrief } from "@/lib/kpi/executive-brief";
import { assertPeriod, kpiFiltersSchema } from "@/lib/kpi/filters";

/** GET ?<dashboard filters>: the executive brief (PPTX); 422 with the reason for a period that cannot be shown. */
export const GET = route(async (request) => {
  const actor = await requireActor("dashboard:view");
  const filters = assertPeriod(kpiFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams)));
  const file = await exportExecutiveBrief(actor, filters);
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
