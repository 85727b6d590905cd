import type { Metadata } from "next";
import Link from "next/link";
import { BaselineCard } from "@/components/dashboard/baseline-card";
import { DashboardFilters } from "@/components/dashboard/dashboard-filters";
import { KpiChart } from "@/components/dashboard/kpi-chart";
import { WeeklyTable } from "@/components/dashboard/weekly-table";
import { Card, CardHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { dashboardData, filterOptions } from "@/lib/kpi/dashboard";
import { KPIS, OTHER_DEFINITIONS } from "@/lib/kpi/definitions";
import { periodDrillHref } from "@/lib/kpi/drill";
import { kpiFiltersSchema, periodProblem } from "@/lib/kpi/filters";
import { formatNumber } from "@/lib/kpi/format";

export const metadata: Metadata = { title: "Dashboard" };

const CLASSIFICATION: Record<string, string> = { UNCLASSIFIED: "Not yet classified", FALSE_POSITIVE: "False positive", FALSE_NEGATIVE: "False negative", JUSTIFIED: "Justified" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("dashboard:view");
  const filters = kpiFiltersSchema.parse(await searchParams);
  // A period that cannot be shown (reversed, too long, out of range) is explained, never computed.
  const problem = periodProblem(filters);
  const intro = (
    <div>
      <h1 className="text-xl font-semibold text-slate-900">Dashboard</h1>
      <p className="mt-1 text-sm text-slate-600">Are handoffs getting better? Weekly KPIs against the baseline and the pilot&apos;s targets. Every number opens the handoffs behind it.</p>
    </div>
  );
  if (problem) {
    return (
      <div className="mx-auto max-w-7xl space-y-6">
        {intro}
        <DashboardFilters filters={filters} options={await filterOptions()} period={{ from: filters.from ?? "", to: filters.to ?? "" }} problem={problem} />
      </div>
    );
  }

  const [data, options] = await Promise.all([dashboardData(filters), filterOptions()]);
  const period = { from: data.period.from.toISOString().slice(0, 10), to: new Date(data.period.to.getTime() - 86_400_000).toISOString().slice(0, 10) };
  const baselineOf = (key: (typeof KPIS)[number]["key"]) => data.baseline?.metrics[key] ?? null;

  return (
    <div className="mx-auto max-w-7xl space-y-6">
      {intro}
      <DashboardFilters filters={filters} options={options} period={period} />
      <BaselineCard data={data} filters={filters} mayCapture={can(actor.role, "baseline:capture")} owners={options.owners} />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        {KPIS.map((def) => (
          <KpiChart key={def.key} def={def} weeks={data.weeks} baseline={baselineOf(def.key)} filters={filters} />
        ))}
      </div>
      <WeeklyTable weeks={data.weeks} totals={data.totals} filters={filters} period={period} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card aria-labelledby="gates-wait-heading" className="min-w-0 lg:col-span-2">
          <CardHeader id="gates-wait-heading" title="Time waiting at each gate" description={OTHER_DEFINITIONS.gates} />
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-5 py-2">Gate</th>
                  <th scope="col" className="px-3 py-2 text-right">Avg hours</th>
                  <th scope="col" className="px-3 py-2 text-right">Approval in SLA</th>
                  <th scope="col" className="px-5 py-2 text-right">Stage on time</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.operational.gates.map((g) => (
                  <tr key={g.stage}>
                    <th scope="row" className="px-5 py-2 text-left font-normal text-slate-700">{g.label}</th>
                    <td className="px-3 py-2 text-right tabular-nums">{formatNumber(g.avgWaitHours, 1)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {g.decided ? (
                        <Link href={periodDrillHref({ gate: g.stage }, period, filters)} className="text-brand-700 hover:underline">
                          {Math.round((g.withinSla / g.decided) * 100)}% of {g.decided}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="px-5 py-2 text-right tabular-nums" title={`Stage SLA ${g.stageSlaHours} h`}>
                      {g.decided ? (
                        <Link href={periodDrillHref({ gate: g.stage }, period, filters)} className="text-brand-700 hover:underline">
                          {Math.round((g.stageOnTime / g.decided) * 100)}%
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
        <Card aria-labelledby="overrides-kpi-heading" className="min-w-0">
          <CardHeader id="overrides-kpi-heading" title="Overrides" description={OTHER_DEFINITIONS.overrides} />
          {data.operational.overrides.length === 0 ? (
            <p className="px-5 py-4 text-sm text-slate-600">No overrides in this period.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {data.operational.overrides.map((o) => (
                <li key={o.classification} className="flex justify-between px-5 py-2">
                  <span>{CLASSIFICATION[o.classification] ?? o.classification}</span>
                  <Link href={periodDrillHref({ override: o.classification }, period, filters)} className="tabular-nums text-brand-700 hover:underline" aria-label={`${o.count} ${CLASSIFICATION[o.classification] ?? o.classification}: open the handoffs`}>
                    {o.count}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="sync-kpi-heading" className="min-w-0">
          <CardHeader id="sync-kpi-heading" title="Sync failures" description={OTHER_DEFINITIONS.sync} />
          <p className="px-5 py-4 text-sm">
            {can(actor.role, "operations:view") && data.operational.syncJobs.dead > 0 ? (
              <Link href="/operations?status=DEAD" className="text-2xl font-semibold tabular-nums text-brand-700 hover:underline">
                {data.operational.syncJobs.dead}
              </Link>
            ) : (
              <span className="text-2xl font-semibold tabular-nums text-slate-900">{data.operational.syncJobs.dead}</span>
            )}
            <span className="text-slate-600"> dead letters out of {data.operational.syncJobs.total} syncs</span>
          </p>
        </Card>
      </div>
    </div>
  );
}
