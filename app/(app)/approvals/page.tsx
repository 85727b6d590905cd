import type { Metadata } from "next";
import Link from "next/link";
import { ApprovalCard } from "@/components/approvals/approval-card";
import { OverrideCard } from "@/components/approvals/override-card";
import { listOverridesToConfirm } from "@/lib/handoffs/overrides";
import { Card, EmptyState } from "@/components/ui/card";
import { handoffRef } from "@/components/ui/format";
import { requirePageActor } from "@/lib/auth/session";
import { listInbox } from "@/lib/handoffs/approvals";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const actor = await requirePageActor("approvals:inbox");
  const [{ gates, acknowledgements }, overrides] = await Promise.all([listInbox(actor), listOverridesToConfirm(actor)]);
  const isLead = actor.role === "DELIVERY_LEAD";
  return (
    <div className="mx-auto max-w-4xl">
      <div className="mb-5">
        <h1 className="text-xl font-semibold text-slate-900">Approvals</h1>
        <p className="mt-1 text-sm text-slate-500">
          {isLead ? "Handoffs waiting for your acknowledgement and risk acceptance." : "Quality gates waiting for your sign-off, oldest first. You never see gates you submitted yourself."}
        </p>
      </div>

      {overrides.length > 0 && (
        <section aria-labelledby="overrides-to-confirm" className="mb-8">
          <h2 id="overrides-to-confirm" className="mb-3 text-sm font-semibold text-slate-900">
            Overrides waiting for a second approver
          </h2>
          <ul className="space-y-4">
            {overrides.map((o) => (
              <li key={o.id}>
                <OverrideCard override={o} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {isLead ? (
        acknowledgements.length === 0 ? (
          <Card>
            <EmptyState title="Nothing waiting for you">When a handoff reaches acknowledgement with you as its delivery lead, it appears here.</EmptyState>
          </Card>
        ) : (
          <Card>
            <ul className="divide-y divide-slate-100">
              {acknowledgements.map((a) => (
                <li key={a.handoffId} className="flex items-center justify-between gap-4 px-5 py-4">
                  <div>
                    <p className="text-sm font-medium text-slate-900">
                      <span className="mr-2 font-mono text-xs text-slate-500">{handoffRef(a.number)}</span>
                      {a.title}
                    </p>
                    <p className="text-xs text-slate-500">
                      {a.customerName} · {a.openRisks} open risk{a.openRisks === 1 ? "" : "s"} to accept
                    </p>
                  </div>
                  <Link href={`/handoffs/${a.handoffId}`} className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
                    Review and acknowledge
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        )
      ) : gates.length === 0 ? (
        <Card>
          <EmptyState title="Inbox zero">No gates are waiting for your approval. New submissions appear here.</EmptyState>
        </Card>
      ) : (
        <ul className="space-y-4" aria-label="Gates awaiting your approval">
          {gates.map((g) => (
            <li key={g.stageId}>
              <ApprovalCard gate={g} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
