import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { EXPORT_TABLES, auditExport, kpiTable, riskTable, toCsv, toXlsx } from "@/lib/kpi/exports";
import { assertPeriod, kpiFiltersSchema } from "@/lib/kpi/filters";

const exportSchema = z.object({ table: z.enum(EXPORT_TABLES, "Choose the table: kpis or risks."), format: z.enum(["csv", "xlsx"], "Choose the format: csv or xlsx.") });

/** GET ?table=kpis|risks&format=csv|xlsx&<filters>: the dashboard's tables as files; 422 with the reason for a period that cannot be shown. */
export const GET = route(async (request) => {
  const actor = await requireActor("dashboard:view");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { table, format } = exportSchema.parse(params);
  const filters = assertPeriod(kpiFiltersSchema.parse(params));
  const data = table === "kpis" ? await kpiTable(filters) : await riskTable(filters);
  const name = `${table === "kpis" ? "handoff-kpis" : "risk-register"}-${new Date().toISOString().slice(0, 10)}.${format}`;
  const body = format === "csv" ? toCsv(data) : await toXlsx(data);
  await auditExport(actor, table, format, filters, data.rows.length);
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
});
