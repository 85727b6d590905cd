import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { drillHref } from "@/lib/kpi/drill";
import { filtersToParams, type KpiFilters } from "@/lib/kpi/filters";
import type { PeriodSummary, WeekRow } from "@/lib/kpi/queries";

const show = (v: number | null, unit = "") => (v === null ? "—" : `${v}${unit}`);
const label = (week: string) => new Date(`${week}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/** Every number by week, each a link to the handoffs behind it; with the exports. */
export function WeeklyTable({ weeks, totals, filters, period }: { weeks: WeekRow[]; totals: PeriodSummary; filters: KpiFilters; period: { from: string; to: string } }) {
  const params = filtersToParams(filters).toString();
  const exportHref = (table: string, format: string) => `/api/kpi/export?table=${table}&format=${format}${params ? `&${params}` : ""}`;
  const cell = (value: number | null, href: string, unit = "", what = "") =>
    value === null || value === 0 ? (
      show(value, unit)
    ) : (
      <Link href={href} className="text-brand-700 hover:underline" aria-label={what ? `${show(value, unit)} ${what}: open the handoffs` : undefined}>
        {show(value, unit)}
      </Link>
    );
  return (
    <Card aria-labelledby="weekly-heading">
      <CardHeader
        id="weekly-heading"
        title="KPI table"
        description="By week (Monday to Sunday, UTC). Every number opens the handoffs behind it."
        actions={
          <div className="flex flex-wrap gap-2 text-xs font-medium">
            <a href={exportHref("kpis", "csv")} className="rounded-md px-2.5 py-1.5 ring-1 ring-inset ring-slate-300 hover:bg-slate-50" download>KPIs CSV</a>
            <a href={exportHref("kpis", "xlsx")} className="rounded-md px-2.5 py-1.5 ring-1 ring-inset ring-slate-300 hover:bg-slate-50" download>KPIs XLSX</a>
            <a href={exportHref("risks", "csv")} className="rounded-md px-2.5 py-1.5 ring-1 ring-inset ring-slate-300 hover:bg-slate-50" download>Risk register CSV</a>
            <a href={exportHref("risks", "xlsx")} className="rounded-md px-2.5 py-1.5 ring-1 ring-inset ring-slate-300 hover:bg-slate-50" download>Risk register XLSX</a>
            <a href={`/api/kpi/proof-brief${params ? `?${params}` : ""}`} className="rounded-md bg-brand-600 px-2.5 py-1.5 text-white hover:bg-brand-700" download>Proof brief PDF</a>
          </div>
        }
      />
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-right text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-5 py-2 text-left">Week of</th>
              <th scope="col" className="px-3 py-2">Closed-won</th>
              <th scope="col" className="px-3 py-2">Completeness</th>
              <th scope="col" className="px-3 py-2">Kickoffs</th>
              <th scope="col" className="px-3 py-2">Delay rate</th>
              <th scope="col" className="px-3 py-2">Median days to kickoff</th>
              <th scope="col" className="px-3 py-2">Scope incidents</th>
              <th scope="col" className="px-3 py-2">Per handoff</th>
              <th scope="col" className="px-5 py-2">Promise accuracy</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 text-right tabular-nums">
            {weeks.map((w) => (
              <tr key={w.week}>
                <th scope="row" className="px-5 py-2 text-left font-medium text-slate-800">{label(w.week)}</th>
                <td className="px-3 py-2">{cell(w.handoffs, drillHref("handoffs", w.week, filters), "", `handoffs closed-won in the week of ${label(w.week)}`)}</td>
                <td className="px-3 py-2">{cell(w.completeness, drillHref("completeness", w.week, filters))}</td>
                <td className="px-3 py-2">{cell(w.kickoffs, drillHref("kickoffs", w.week, filters))}</td>
                <td className="px-3 py-2">{cell(w.delayRate, drillHref("delayRate", w.week, filters), "%", `kickoff delay rate in the week of ${label(w.week)}`)}</td>
                <td className="px-3 py-2">{cell(w.medianCycleDays, drillHref("medianCycleDays", w.week, filters))}</td>
                <td className="px-3 py-2">{cell(w.scopeIncidents, drillHref("scopeIncidents", w.week, filters), "", `scope incidents logged in the week of ${label(w.week)}`)}</td>
                <td className="px-3 py-2">{cell(w.incidentsPerHandoff, drillHref("incidentsPerHandoff", w.week, filters))}</td>
                <td className="px-5 py-2">{cell(w.promiseAccuracy, drillHref("promiseAccuracy", w.week, filters), "%")}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t border-slate-200 bg-slate-50 text-right font-medium tabular-nums">
            <tr>
              <th scope="row" className="px-5 py-2 text-left">Period</th>
              <td className="px-3 py-2">{cell(totals.handoffs, drillHref("handoffs", period, filters), "", "handoffs closed-won in the period")}</td>
              <td className="px-3 py-2">{cell(totals.completeness, drillHref("completeness", period, filters))}</td>
              <td className="px-3 py-2">{cell(totals.kickoffs, drillHref("kickoffs", period, filters), "", "kickoffs in the period")}</td>
              <td className="px-3 py-2">{cell(totals.delayRate, drillHref("delayRate", period, filters), "%", "kickoff delay rate in the period")}</td>
              <td className="px-3 py-2">{cell(totals.medianCycleDays, drillHref("medianCycleDays", period, filters))}</td>
              <td className="px-3 py-2">{cell(totals.scopeIncidents, drillHref("scopeIncidents", period, filters), "", "scope incidents in the period")}</td>
              <td className="px-3 py-2">{cell(totals.incidentsPerHandoff, drillHref("incidentsPerHandoff", period, filters))}</td>
              <td className="px-5 py-2">{cell(totals.promiseAccuracy, drillHref("promiseAccuracy", period, filters), "%")}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </Card>
  );
}
