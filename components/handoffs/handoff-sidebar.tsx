import { Card, CardHeader } from "@/components/ui/card";
import { formatDate, formatDateTime, formatMoney } from "@/components/ui/format";
import type { ComponentProps } from "react";
import type { HandoffDetail } from "@/lib/handoffs/detail";
import { PeopleCard } from "./people-card";

const PROPERTY_LABELS: Record<string, string> = {
  scope_in: "In scope",
  scope_out: "Out of scope",
  commercial_terms: "Commercial terms",
  dependencies: "Dependencies",
  promised_kickoff_date: "Promised kickoff",
  milestones: "Milestones",
  critical_risks: "Critical risks",
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

export function HandoffSidebar({ handoff, candidates }: { handoff: HandoffDetail; candidates: ComponentProps<typeof PeopleCard>["candidates"] }) {
  return (
    <>
      <PeopleCard handoff={handoff} candidates={candidates} />

      <Card aria-labelledby="deal-heading">
        <CardHeader
          id="deal-heading"
          title="Deal as captured"
          description={`Snapshot v${handoff.deal.snapshotVersion ?? 1} · ${formatDateTime(handoff.deal.capturedAt)}`}
        />
        <dl className="space-y-2 px-5 py-4 text-sm">
          <div>
            <dt className="text-xs text-slate-500">Source record</dt>
            <dd>
              <a href={handoff.deal.sourceUrl} target="_blank" rel="noreferrer" className="font-medium text-brand-600 hover:underline">
                {handoff.deal.source === "HUBSPOT" ? "HubSpot" : handoff.deal.source} deal {handoff.deal.sourceId}
              </a>
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Amount</dt>
            <dd>{formatMoney(handoff.amount, handoff.currency)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Closed won</dt>
            <dd>{formatDate(handoff.closedWonAt)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Pipeline</dt>
            <dd>{handoff.deal.pipeline}</dd>
          </div>
          {Object.entries(PROPERTY_LABELS).map(([key, label]) => (
            <div key={key}>
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="whitespace-pre-line break-words text-slate-700">{show(handoff.deal.properties[key])}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </>
  );
}
