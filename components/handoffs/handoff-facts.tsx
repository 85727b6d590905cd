import { Badge } from "@/components/ui/badge";
import { CollapsibleCard } from "@/components/ui/card";
import { TableScroll } from "@/components/ui/table-scroll";
import { formatDate } from "@/components/ui/format";
import type { HandoffDetail } from "@/lib/handoffs/detail";
import { RISK_LABEL, RiskBadge } from "./labels";

function List({ items, empty }: { items: { id: string; text: React.ReactNode }[]; empty: string }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
      {items.map((i) => (
        <li key={i.id}>{i.text}</li>
      ))}
    </ul>
  );
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n === 0 ? "No" : n} ${n === 1 ? one : many}`;
}

/**
 * What sales promised and discovery found: scope, risks, commitments, milestones and the rest.
 * Each part folds under its heading with a count; `open` unfolds scope and risks, for the stage
 * where they are being checked.
 */
export function HandoffFacts({ handoff, open = false }: { handoff: HandoffDetail; open?: boolean }) {
  const openRisks = handoff.risks.filter((r) => r.status === "OPEN").length;
  const atRisk = handoff.dependencies.filter((d) => d.status === "AT_RISK").length;
  return (
    <div className="space-y-3">
      <CollapsibleCard
        id="scope-heading"
        title="Scope boundaries"
        description={`${handoff.inScope.length} in scope · ${handoff.outOfScope.length} out of scope`}
        defaultOpen={open}
      >
        <div className="grid gap-6 px-5 py-4 md:grid-cols-2">
          <div>
            <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-emerald-700">In scope</h3>
            <List items={handoff.inScope} empty="No in-scope items captured." />
          </div>
          <div>
            <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-red-700">Out of scope</h3>
            <List items={handoff.outOfScope} empty="No out-of-scope items captured." />
          </div>
        </div>
      </CollapsibleCard>

      <CollapsibleCard id="risks-heading" title="Risks" description={`${count(handoff.risks.length, "risk")} · ${openRisks} open`} defaultOpen={open}>
        {handoff.risks.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-600">No risks recorded.</p>
        ) : (
          <TableScroll label="Risks">
            <table className="min-w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-5 py-2">Risk</th>
                  <th scope="col" className="px-3 py-2">Severity</th>
                  <th scope="col" className="px-3 py-2">Likelihood</th>
                  <th scope="col" className="px-3 py-2">Owner</th>
                  <th scope="col" className="px-3 py-2">Mitigation</th>
                  <th scope="col" className="px-3 py-2">Status</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {handoff.risks.map((r) => (
                  <tr key={r.id}>
                    <td className="px-5 py-2.5 font-medium text-slate-800">{r.title}</td>
                    <td className="px-3 py-2.5"><RiskBadge level={r.severity} /></td>
                    <td className="px-3 py-2.5 text-slate-600">{RISK_LABEL[r.likelihood]}</td>
                    <td className="px-3 py-2.5 text-slate-600">{r.owner ?? <span className="text-red-700">Unowned</span>}</td>
                    <td className="px-3 py-2.5 text-slate-600">{r.mitigation ?? "—"}</td>
                    <td className="px-3 py-2.5">
                      <Badge tone={r.status === "OPEN" ? "amber" : r.status === "ACCEPTED" ? "green" : "slate"}>{r.status.toLowerCase()}</Badge>
                      {r.acceptedBy && <p className="mt-0.5 text-xs text-slate-600">by {r.acceptedBy}</p>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </CollapsibleCard>

      <CollapsibleCard id="commitments-heading" title="Commitments made by sales" description={count(handoff.commitments.length, "commitment")}>
        <div className="px-5 py-4">
          <List
            items={handoff.commitments.map((c) => ({
              id: c.id,
              text: (
                <>
                  {c.description}
                  <span className="text-slate-600"> — {c.owner ?? "no owner"}, {c.dueDate ? `by ${formatDate(c.dueDate)}` : "no date"}</span>
                </>
              ),
            }))}
            empty="No commitments recorded."
          />
        </div>
      </CollapsibleCard>
      <CollapsibleCard id="milestones-heading" title="Milestones" description={count(handoff.milestones.length, "milestone")}>
        <div className="px-5 py-4">
          <List
            items={handoff.milestones.map((m) => ({
              id: m.id,
              text: (
                <>
                  {m.name}
                  <span className="text-slate-600"> — {formatDate(m.dueDate)}{m.owner ? `, ${m.owner}` : ""}{m.doneAt ? " (done)" : ""}</span>
                </>
              ),
            }))}
            empty="No milestones recorded."
          />
        </div>
      </CollapsibleCard>
      <CollapsibleCard
        id="dependencies-heading"
        title="Dependencies"
        description={`${count(handoff.dependencies.length, "dependency", "dependencies")}${atRisk ? ` · ${atRisk} at risk` : ""}`}
      >
        <div className="px-5 py-4">
          <List
            items={handoff.dependencies.map((d) => ({
              id: d.id,
              text: (
                <>
                  {d.description} <span className="text-slate-600">— {d.party}{d.neededBy ? `, needed by ${formatDate(d.neededBy)}` : ""}</span>{" "}
                  <Badge tone={d.status === "MET" ? "green" : d.status === "AT_RISK" ? "red" : "slate"}>{d.status.toLowerCase().replace("_", " ")}</Badge>
                </>
              ),
            }))}
            empty="No dependencies recorded."
          />
        </div>
      </CollapsibleCard>
      <CollapsibleCard
        id="assumptions-heading"
        title="Assumptions and integration constraints"
        description={`${count(handoff.assumptions.length, "assumption")} · ${count(handoff.constraints.length, "constraint")}`}
      >
        <div className="space-y-4 px-5 py-4">
          <List items={handoff.assumptions.map((a) => ({ id: a.id, text: a.text }))} empty="No assumptions recorded." />
          <List
            items={handoff.constraints.map((c) => ({ id: c.id, text: <><span className="font-medium">{c.system}:</span> {c.constraint}</> }))}
            empty="No integration constraints recorded."
          />
        </div>
      </CollapsibleCard>
    </div>
  );
}
