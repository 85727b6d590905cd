"use client";

import { useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { usePost } from "@/components/ui/use-post";
import type { DashboardData } from "@/lib/kpi/dashboard";
import { KPIS, VERDICT_LABEL, type Verdict } from "@/lib/kpi/definitions";
import { COHORT_LABEL, filtersToParams, type KpiFilters } from "@/lib/kpi/filters";
import { formatChange, formatKpi } from "@/lib/kpi/format";

const VERDICT_TONE: Record<Verdict, Tone> = { "on-track": "green", "off-track": "red", "not-yet": "slate", "no-data": "slate" };

/** The filters a baseline is kept for, in words: the period is not one of them. */
function scopeOf(filters: KpiFilters, owners: { id: string; name: string }[]): string {
  const owner = filters.owner ? (owners.find((o) => o.id === filters.owner)?.name ?? "the chosen owner") : null;
  return [COHORT_LABEL[filters.cohort], filters.team && `team ${filters.team}`, owner && `owner ${owner}`, filters.segment && `segment ${filters.segment}`, filters.pipeline && `pipeline ${filters.pipeline}`].filter(Boolean).join(", ");
}

/** The frozen baseline for these filters, and where each KPI stands at week 4 and week 8 after it. */
export function BaselineCard({ data, filters, mayCapture, owners = [] }: { data: DashboardData; filters: KpiFilters; mayCapture: boolean; owners?: { id: string; name: string }[] }) {
  const { post, pending, error, clearError } = usePost();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const { baseline, progress } = data;

  const confirm = () => {
    clearError();
    dialog.current?.showModal();
    // The safe choice has the focus: Enter or Space right away cancels.
    cancel.current?.focus();
  };
  const capture = async () => {
    // Closed on success only: a refusal (someone froze it first, say) is read in the dialog.
    if ((await post(`/api/kpi/baseline?${filtersToParams(filters)}`, {})) !== null) dialog.current?.close();
  };

  return (
    <Card aria-labelledby="baseline-heading" className="min-w-0">
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
            <Button size="sm" aria-haspopup="dialog" onClick={confirm}>
              Capture baseline
            </Button>
          ) : undefined
        }
      />
      {mayCapture && !baseline && (
        // A modal dialog: focus stays inside, Escape or Cancel closes it and nothing is captured.
        <dialog
          ref={dialog}
          aria-labelledby="baseline-confirm-heading"
          aria-describedby="baseline-confirm-text"
          className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg bg-white p-0 shadow-xl backdrop:bg-slate-900/50"
        >
          <div className="space-y-3 p-5">
            <h2 id="baseline-confirm-heading" className="text-base font-semibold text-slate-900">
              Freeze the baseline?
            </h2>
            <div id="baseline-confirm-text" className="space-y-2 text-sm text-slate-700">
              <p>
                This freezes the KPIs of the last 12 weeks for these filters (<span className="font-medium text-slate-900">{scopeOf(filters, owners)}</span>) as the baseline the pilot is measured against.
              </p>
              <p className="font-medium text-slate-900">Once frozen it cannot be replaced, changed or undone, and the capture is recorded in the audit trail.</p>
            </div>
            {error && <Alert>{error.message}</Alert>}
            <div className="flex flex-wrap justify-end gap-2 pt-1">
              <Button ref={cancel} variant="secondary" onClick={() => dialog.current?.close()}>
                Cancel
              </Button>
              <Button pending={pending} onClick={capture}>
                Freeze baseline
              </Button>
            </div>
          </div>
        </dialog>
      )}
      {baseline && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-5 py-2">KPI</th>
                <th scope="col" className="px-3 py-2">Baseline</th>
                <th scope="col" className="px-3 py-2">This period</th>
                <th scope="col" className="px-3 py-2">Target</th>
                <th scope="col" className="px-3 py-2">Week 4</th>
                <th scope="col" className="px-5 py-2">Week 8</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 text-slate-800">
              {progress.map((p) => {
                const def = KPIS.find((k) => k.key === p.key)!;
                return (
                  <tr key={p.key}>
                    <th scope="row" className="px-5 py-2 text-left font-medium text-slate-800">{def.label}</th>
                    <td className="px-3 py-2 tabular-nums">{formatKpi(def, p.baseline)}</td>
                    <td className="px-3 py-2 tabular-nums">{formatKpi(def, p.current)}</td>
                    <td className="px-3 py-2 text-slate-700">{def.target?.text ?? "—"}</td>
                    {p.checkpoints.map((c) => (
                      <td key={c.week} className={c.week === 8 ? "px-5 py-2" : "px-3 py-2"}>
                        <Badge tone={VERDICT_TONE[c.verdict]}>{VERDICT_LABEL[c.verdict]}</Badge>
                        {c.improvement !== null && (
                          <span className="ml-2 whitespace-nowrap text-xs text-slate-600">
                            {formatChange(c.improvement)} (needs {formatChange(c.needed)})
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
