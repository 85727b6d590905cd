"use client";

import { Alert } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { usePost } from "@/components/ui/use-post";
import type { DashboardData } from "@/lib/kpi/dashboard";
import { KPIS, type Verdict } from "@/lib/kpi/definitions";
import { filtersToParams, type KpiFilters } from "@/lib/kpi/filters";

const VERDICT: Record<Verdict, { label: string; tone: Tone }> = {
  "on-track": { label: "On track", tone: "green" },
  "off-track": { label: "Off track", tone: "red" },
  "not-yet": { label: "Not reached", tone: "slate" },
  "no-data": { label: "No data", tone: "slate" },
};

const fmt = (v: number | null, unit: string) => (v === null ? "—" : `${v}${unit}`);

/** The frozen baseline for these filters, and where each KPI stands at week 4 and week 8 after it. */
export function BaselineCard({ data, filters, mayCapture }: { data: DashboardData; filters: KpiFilters; mayCapture: boolean }) {
  const { post, pending, error } = usePost();
  const { baseline, progress } = data;
  return (
    <Card aria-labelledby="baseline-heading">
      <CardHeader
        id="baseline-heading"
        title="Baseline and targets"
        description={
          baseline
            ? `Baseline frozen ${formatDateTime(baseline.capturedAt)} by ${baseline.capturedBy ?? "—"}, from the 12 weeks before. Checkpoints compare the four whole weeks after the week of the capture, then the next four; on track means at least the target's lower bound, pro-rated to the days elapsed.`
            : "No baseline for these filters yet. Capture one before the pilot starts: it freezes the current values (last 12 weeks) to measure against."
        }
        actions={
          mayCapture && !baseline ? (
            <Button size="sm" pending={pending} onClick={() => post(`/api/kpi/baseline?${filtersToParams(filters)}`, {})}>
              Capture baseline
            </Button>
          ) : undefined
        }
      />
      {error && (
        <div className="px-5 pt-3">
          <Alert>{error.message}</Alert>
        </div>
      )}
      {baseline && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2">KPI</th>
                <th scope="col" className="px-3 py-2">Baseline</th>
                <th scope="col" className="px-3 py-2">This period</th>
                <th scope="col" className="px-3 py-2">Target</th>
                <th scope="col" className="px-3 py-2">Week 4</th>
                <th scope="col" className="px-5 py-2">Week 8</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {progress.map((p) => {
                const def = KPIS.find((k) => k.key === p.key)!;
                return (
                  <tr key={p.key}>
                    <th scope="row" className="px-5 py-2 text-left font-medium text-slate-800">{def.label}</th>
                    <td className="px-3 py-2">{fmt(p.baseline, def.unit)}</td>
                    <td className="px-3 py-2">{fmt(p.current, def.unit)}</td>
                    <td className="px-3 py-2 text-slate-600">{def.target?.text ?? "—"}</td>
                    {p.checkpoints.map((c) => (
                      <td key={c.week} className={c.week === 8 ? "px-5 py-2" : "px-3 py-2"}>
                        <Badge tone={VERDICT[c.verdict].tone}>{VERDICT[c.verdict].label}</Badge>
                        {c.improvement !== null && (
                          <span className="ml-2 text-xs text-slate-500">
                            {c.improvement > 0 ? "+" : ""}
                            {c.improvement}% (needs {c.needed}%)
                          </span>
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
