import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import type { HandoffDetail } from "@/lib/handoffs/detail";
import { RISK_LABEL, RiskBadge } from "./labels";

function List({ items, empty }: { items: { id: string; text: React.ReactNode }[]; empty: string }) {
  if (items.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
      {items.map((i) => (
        <li key={i.id}>{i.text}</li>
      ))}
    </ul>
  );
}

/** What sales promised and discovery found: scope, risks, commitments, milestones and the rest. */
export function HandoffFacts({ handoff }: { handoff: HandoffDetail }) {
  return (
    <div className="space-y-6">
      <Card aria-labelledby="scope-heading">
        <CardHeader id="scope-heading" title="Scope boundaries" />
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
      </Card>

      <Card aria-labelledby="risks-heading">
        <CardHeader id="risks-heading" title="Risks" description={`${handoff.risks.filter((r) => r.status === "OPEN").length} open`} />
        {handoff.risks.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-500">No risks recorded.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
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
                      {r.acceptedBy && <p className="mt-0.5 text-xs text-slate-500">by {r.acceptedBy}</p>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="commitments-heading">
          <CardHeader id="commitments-heading" title="Commitments made by sales" />
          <div className="px-5 py-4">
            <List
              items={handoff.commitments.map((c) => ({
                id: c.id,
                text: (
                  <>
                    {c.description}
                    <span className="text-slate-500"> — {c.owner ?? "no owner"}, {c.dueDate ? `by ${formatDate(c.dueDate)}` : "no date"}</span>
                  </>
                ),
              }))}
              empty="No commitments recorded."
            />
          </div>
        </Card>
        <Card aria-labelledby="milestones-heading">
          <CardHeader id="milestones-heading" title="Milestones" />
          <div className="px-5 py-4">
            <List
              items={handoff.milestones.map((m) => ({
                id: m.id,
                text: (
                  <>
                    {m.name}
                    <span className="text-slate-500"> — {formatDate(m.dueDate)}{m.owner ? `, ${m.owner}` : ""}{m.doneAt ? " (done)" : ""}</span>
                  </>
                ),
              }))}
              empty="No milestones recorded."
            />
          </div>
        </Card>
        <Card aria-labelledby="dependencies-heading">
          <CardHeader id="dependencies-heading" title="Dependencies" />
          <div className="px-5 py-4">
            <List
              items={handoff.dependencies.map((d) => ({
                id: d.id,
                text: (
                  <>
                    {d.description} <span className="text-slate-500">— {d.party}{d.neededBy ? `, needed by ${formatDate(d.neededBy)}` : ""}</span>{" "}
                    <Badge tone={d.status === "MET" ? "green" : d.status === "AT_RISK" ? "red" : "slate"}>{d.status.toLowerCase().replace("_", " ")}</Badge>
                  </>
                ),
              }))}
              empty="No dependencies recorded."
            />
          </div>
        </Card>
        <Card aria-labelledby="assumptions-heading">
          <CardHeader id="assumptions-heading" title="Assumptions and integration constraints" />
          <div className="space-y-4 px-5 py-4">
            <List items={handoff.assumptions.map((a) => ({ id: a.id, text: a.text }))} empty="No assumptions recorded." />
            <List
              items={handoff.constraints.map((c) => ({ id: c.id, text: <><span className="font-medium">{c.system}:</span> {c.constraint}</> }))}
              empty="No integration constraints recorded."
            />
          </div>
        </Card>
      </div>

    </div>
  );
}
