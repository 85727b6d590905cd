import type { Metadata } from "next";
import Link from "next/link";
import { RetrainingActions } from "@/components/qa/retraining-actions";
import { StartRun } from "@/components/qa/start-run";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";
import { ClipboardIcon } from "@/components/ui/icons";
import { can } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { failurePatternReport, listActionOwners, listQaRuns, listRetrainingActions, type PatternRow } from "@/lib/qa/report";
import { FAILURE_PATTERNS, SAMPLING_RULES } from "@/lib/qa/runs";

export const metadata: Metadata = { title: "Handoff QA" };

/** Pattern counts by one dimension (team, sales owner or month), most frequent first. */
function PatternTable({ id, title, rows, by }: { id: string; title: string; rows: PatternRow[]; by: "team" | "salesOwner" | "month" }) {
  const keys = [...new Set(rows.map((r) => r[by]))].sort();
  const patterns = (Object.keys(FAILURE_PATTERNS) as (keyof typeof FAILURE_PATTERNS)[]).filter((p) => rows.some((r) => r.pattern === p));
  const count = (k: string, p: string) => rows.filter((r) => r[by] === k && r.pattern === p).reduce((n, r) => n + r.count, 0);
  return (
    <Card aria-labelledby={id}>
      <CardHeader id={id} title={title} />
      {rows.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">No failure patterns tagged in the last six months.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-5 py-2">Pattern</th>
                {keys.map((k) => <th key={k} scope="col" className="px-3 py-2 text-right">{k}</th>)}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {patterns.map((p) => (
                <tr key={p}>
                  <th scope="row" className="px-5 py-2 text-left font-normal text-slate-700">{FAILURE_PATTERNS[p]}</th>
                  {keys.map((k) => <td key={k} className="px-3 py-2 text-right tabular-nums">{count(k, p) || "—"}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export default async function QaPage() {
  const actor = await requirePageActor("qa:view");
  const mayRun = can(actor.role, "qa:run");
  const [runs, patterns, actions, people] = await Promise.all([
    listQaRuns(),
    failurePatternReport(),
    listRetrainingActions(),
    listActionOwners(),
  ]);
  const lastMonth = new Date();
  lastMonth.setUTCDate(1);
  lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);

  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Handoff QA</h1>
        <p className="mt-1 text-sm text-slate-600">Each month a sample of handoffs is scored for completeness and promise accuracy; recurring failure patterns become retraining.</p>
      </div>
      {mayRun && <StartRun rules={SAMPLING_RULES} defaultMonth={lastMonth.toISOString().slice(0, 7)} />}
      <Card aria-labelledby="runs-heading">
        <CardHeader id="runs-heading" title="QA runs" />
        {runs.length === 0 ? (
          <EmptyState title="No QA runs yet" icon={<ClipboardIcon />}>
            {mayRun ? "Start the first run above: it samples last month’s handoffs for review." : "PS leaders, RevOps and admins start runs; the results appear here."}
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {runs.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-2.5">
                <div>
                  <Link href={`/qa/${r.id}`} className="font-medium text-brand-700 hover:underline">{r.month}</Link>
                  <span className="ml-2 text-slate-600">
                    {r.reviews} sampled ({r.overrides} with overrides) · {SAMPLING_RULES[r.rule as keyof typeof SAMPLING_RULES] ?? r.rule} · started by {r.createdBy ?? "—"}
                  </span>
                </div>
                {r.status === "CLOSED" ? (
                  <Badge tone="slate">Closed · {r.reviews} reviewed</Badge>
                ) : (
                  <Badge tone={r.reviewed === r.reviews ? "green" : "amber"}>
                    {r.reviewed} of {r.reviews} reviewed
                  </Badge>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <PatternTable id="patterns-team" title="Recurring failure patterns by team" rows={patterns} by="team" />
        <PatternTable id="patterns-sales" title="Recurring failure patterns by sales owner" rows={patterns} by="salesOwner" />
      </div>
      <PatternTable id="patterns-month" title="Failure patterns over time" rows={patterns} by="month" />
      <RetrainingActions actions={actions} patterns={FAILURE_PATTERNS} people={people} mayAdd={mayRun} />
    </div>
  );
}
