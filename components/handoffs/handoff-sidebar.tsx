import { CollapsibleCard } from "@/components/ui/card";
import { formatDate, formatDateTime, formatMoney } from "@/components/ui/format";
import type { HandoffDetail } from "@/lib/handoffs/detail";

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

/** How the page names the CRM record the handoff came from: "HubSpot deal 123". */
export function dealSourceLabel(deal: HandoffDetail["deal"]): string {
  return `${deal.source === "HUBSPOT" ? "HubSpot" : deal.source} deal ${deal.sourceId}`;
}

/**
 * The CRM deal as it was captured, property by property. Folded by default: the amount and
 * close date show in its summary, and the page header links to the live record.
 */
export function DealSnapshot({ handoff }: { handoff: HandoffDetail }) {
  return (
    <CollapsibleCard
      id="deal-heading"
      title="Deal as captured"
      description={`${formatMoney(handoff.amount, handoff.currency)} · closed won ${formatDate(handoff.closedWonAt)} · snapshot v${handoff.deal.snapshotVersion ?? 1}`}
    >
      <dl className="space-y-2 px-5 py-4 text-sm">
        <div>
          <dt className="text-xs text-slate-600">Source record</dt>
          <dd>
            {dealSourceLabel(handoff.deal)}, captured {formatDateTime(handoff.deal.capturedAt)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">Amount</dt>
          <dd>{formatMoney(handoff.amount, handoff.currency)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">Closed won</dt>
          <dd>{formatDate(handoff.closedWonAt)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">Pipeline</dt>
          <dd>{handoff.deal.pipeline}</dd>
        </div>
        {Object.entries(PROPERTY_LABELS).map(([key, label]) => (
          <div key={key}>
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="whitespace-pre-line break-words text-slate-700">{show(handoff.deal.properties[key])}</dd>
          </div>
        ))}
      </dl>
    </CollapsibleCard>
  );
}
