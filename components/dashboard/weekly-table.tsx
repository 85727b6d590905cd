import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { KPIS, OTHER_DEFINITIONS, type KpiKey } from "@/lib/kpi/definitions";
import { drillHref } from "@/lib/kpi/drill";
import { filtersToParams, type KpiFilters } from "@/lib/kpi/filters";
import { formatDays, formatKpi } from "@/lib/kpi/format";
import type { PeriodSummary, WeekRow } from "@/lib/kpi/queries";

const label = (week: string) => new Date(`${week}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const def = (key: KpiKey) => KPIS.find((k) => k.key === key)!;
const count = (v: number) => String(v);
const kpi = (key: KpiKey) => (v: number | null) => formatKpi(def(key), v);

const DOWNLOAD = "rounded-md px-2.5 py-1.5 text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50";

/** Every number by week, each a link to the handoffs behind it; with the exports. */
export function WeeklyTable({ weeks, totals, filters, period }: { weeks: WeekRow[]; totals: PeriodSummary; filters: KpiFilters; period: { from: string; to: string } }) {
  const params = filtersToParams(filters).toString();
  const exportHref = (table: string, format: string) => `/api/kpi/export?table=${table}&format=${format}${params ? `&${params}` : ""}`;
  /** A figure, as a link to the handoffs behind it unless there is nothing behind it. */
  const cell = <T extends number | null>(value: T, show: (v: T) => string, href: string, what: string) =>
    value === null || value === 0 ? (
      show(value)
    ) : (
      <Link href={href} className="text-brand-700 hover:underline" aria-label={`${show(value)} ${what}: open the handoffs`}>
        {show(value)}
      </Link>
    );
  const row = (w: PeriodSummary, range: string | { from: string; to: string }, when: string) => (
    <>
      <td className="px-3 py-2">{cell(w.handoffs, count, drillHref("handoffs", range, filters), `handoffs closed-won ${when}`)}</td>
      <td className="px-3 py-2">{cell(w.completeness, kpi("completeness"), drillHref("completeness", range, filters), `average completeness of the handoffs closed-won ${when}`)}</td>
      <td className="px-3 py-2">{cell(w.kickoffs, count, drillHref("kickoffs", range, filters), `kickoffs ${when}`)}</td>
      <td className="px-3 py-2">{cell(w.delayRate, kpi("delayRate"), drillHref("delayRate", range, filters), `kickoff delay rate ${when}`)}</td>
      <td className="px-3 py-2">{cell(w.medianCycleDays, formatDays, drillHref("medianCycleDays", range, filters), `median days to kickoff ${when}`)}</td>
      <td className="px-3 py-2">{cell(w.scopeIncidents, count, drillHref("scopeIncidents", range, filters), `scope incidents logged ${when}`)}</td>
      <td className="px-3 py-2">{cell(w.incidentsPerHandoff, kpi("incidentsPerHandoff"), drillHref("incidentsPerHandoff", range, filters), `scope incidents per handoff closed-won ${when}`)}</td>
      <td className="px-5 py-2">{cell(w.promiseAccuracy, kpi("promiseAccuracy"), drillHref("promiseAccuracy", range, filters), `promise accuracy of the reviews ${when}`)}</td>
    </>
  );
  return (
    <Card aria-labelledby="weekly-heading" className="min-w-0">
      <CardHeader id="weekly-heading" title="KPI table" description="By week (Monday to Sunday, UTC). Every number opens the handoffs behind it." />
      <div role="group" aria-label="Downloads" className="flex flex-wrap gap-2 border-b border-slate-100 px-5 py-3 text-xs font-medium">
        <a href={exportHref("kpis", "csv")} className={DOWNLOAD} download>KPIs CSV</a>
        <a href={exportHref("kpis", "xlsx")} className={DOWNLOAD} download>KPIs XLSX</a>
        <a href={exportHref("risks", "csv")} className={DOWNLOAD} download>Risk register CSV</a>
        <a href={exportHref("risks", "xlsx")} className={DOWNLOAD} download>Risk register XLSX</a>
        <a href="/api/kpi/runbook" className={DOWNLOAD} download>Runbook DOCX</a>
        <a href={`/api/kpi/executive-brief${params ? `?${params}` : ""}`} className={DOWNLOAD} download>Executive brief PPTX</a>
        <a href={`/api/kpi/proof-brief${params ? `?${params}` : ""}`} className="rounded-md bg-brand-600 px-2.5 py-1.5 text-white hover:bg-brand-700" download>Proof brief PDF</a>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-right text-xs font-medium uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-5 py-2 text-left">Week of</th>
              <th scope="col" className="px-3 py-2">Closed-won</th>
              <th scope="col" className="px-3 py-2">Completeness</th>
              <th scope="col" className="px-3 py-2">Kickoffs</th>
              <th scope="col" className="px-3 py-2">Delay rate</th>
              <th scope="col" className="px-3 py-2">Median days to kickoff</th>
              <th scope="col" className="px-3 py-2">Scope incidents logged</th>
              <th scope="col" className="px-3 py-2">Incidents per handoff closed</th>
              <th scope="col" className="px-5 py-2">Promise accuracy</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 text-right tabular-nums text-slate-800">
            {weeks.map((w) => (
              <tr key={w.week}>
                <th scope="row" className="whitespace-nowrap px-5 py-2 text-left font-medium text-slate-800">{label(w.week)}</th>
                {row(w, w.week, `in the week of ${label(w.week)}`)}
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t border-slate-200 bg-slate-50 text-right font-medium tabular-nums text-slate-900">
            <tr>
              <th scope="row" className="px-5 py-2 text-left">Period</th>
              {row(totals, period, "in the period")}
            </tr>
          </tfoot>
        </table>
      </div>
      <details className="border-t border-slate-100 px-5 py-3 text-xs text-slate-700">
        <summary className="cursor-pointer font-medium text-brand-700 hover:underline">What the columns mean</summary>
        <dl className="mt-2 grid gap-x-4 gap-y-1.5 sm:grid-cols-[12rem_minmax(0,1fr)]">
          <dt className="font-medium text-slate-900">Completeness</dt>
          <dd>{def("completeness").definition}</dd>
          <dt className="font-medium text-slate-900">Delay rate</dt>
          <dd>{def("delayRate").definition}</dd>
          <dt className="font-medium text-slate-900">Median days to kickoff</dt>
          <dd>{OTHER_DEFINITIONS.cycle} For the period, the median of all its kickoffs.</dd>
          <dt className="font-medium text-slate-900">Scope incidents logged</dt>
          <dd>{OTHER_DEFINITIONS.scopeLogged}</dd>
          <dt className="font-medium text-slate-900">Incidents per handoff closed</dt>
          <dd>{def("incidentsPerHandoff").definition}</dd>
          <dt className="font-medium text-slate-900">Promise accuracy</dt>
          <dd>{def("promiseAccuracy").definition}</dd>
        </dl>
      </details>
    </Card>
  );
}
