import type { Metadata } from "next";
import Link from "next/link";
import { ApprovalInbox } from "@/components/approvals/approval-inbox";
import { WaitingLabel } from "@/components/approvals/waiting-label";
import { Card, EmptyState } from "@/components/ui/card";
import { formatSpan, handoffRef } from "@/components/ui/format";
import { CheckCircleIcon } from "@/components/ui/icons";
import { requirePageActor } from "@/lib/auth/session";
import { listInbox } from "@/lib/handoffs/approvals";
import { listOverridesToConfirm } from "@/lib/intake/overrides";
import { pendingIntakePolicyChange } from "@/lib/intake/policy-store";
import { PolicyChangeCard } from "@/components/approvals/policy-change-card";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const actor = await requirePageActor("approvals:inbox");
  const [{ gates, acknowledgements }, pendingOverrides, policyChange] = await Promise.all([
    listInbox(actor),
    listOverridesToConfirm(actor),
    actor.role === "PS_LEADER" ? pendingIntakePolicyChange() : null,
  ]);
  const isLead = actor.role === "DELIVERY_LEAD";
  const readAt = new Date();
  const overrides = pendingOverrides.map((o) => ({ ...o, waitedMs: Math.max(0, readAt.getTime() - new Date(o.createdAt).getTime()) }));
  const policyWaiting = policyChange && policyChange.proposedById !== actor.userId && policyChange.proposedAt
    ? [{ waitedMs: Math.max(0, readAt.getTime() - new Date(policyChange.proposedAt).getTime()) }]
    : [];
  // The same count as the badge in the navigation: gates, overrides and policy changes.
  const waiting = [...(isLead ? acknowledgements : gates), ...overrides, ...policyWaiting];
  const overdue = waiting.filter((w) => "overdue" in w && w.overdue).length;
  const oldest = Math.max(0, ...waiting.map((w) => w.waitedMs));

  return (
    <div className="mx-auto max-w-4xl">
      <div className="mb-5">
        <h1 className="text-xl font-semibold text-slate-900">Approvals</h1>
        <p className="mt-1 text-sm text-slate-600">
          {isLead ? "Handoffs waiting for your acknowledgement and risk acceptance, oldest first." : "Quality gates waiting for your sign-off, oldest first. You never see gates you submitted yourself."}
        </p>
        {waiting.length > 0 && (
          <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
            <span>
              <span className="font-semibold text-slate-900">{waiting.length}</span> waiting
            </span>
            {overdue > 0 && (
              <span className="font-medium text-red-700">
                {overdue} past {overdue === 1 ? "its" : "their"} SLA
              </span>
            )}
            <span>Oldest has waited {formatSpan(oldest)}</span>
          </p>
        )}
      </div>

      {isLead && (
        <>
          {acknowledgements.length === 0 ? (
            <Card>
              <EmptyState
                title="Nothing waiting for you"
                icon={<CheckCircleIcon />}
                action={
                  <Link href="/handoffs?mine=1" className="text-sm font-medium text-brand-700 underline underline-offset-2">
                    See handoffs waiting for you
                  </Link>
                }
              >
                When a handoff reaches acknowledgement with you as its delivery lead, it appears here.
              </EmptyState>
            </Card>
          ) : (
            // Overdue acknowledgements first, each a primary action; the rest, oldest first, as secondary ones.
            [
              { id: "acks-overdue", title: "Past their SLA", items: acknowledgements.filter((a) => a.overdue) },
              { id: "acks-waiting", title: overdue > 0 ? "Within their SLA" : "Acknowledgements you owe", items: acknowledgements.filter((a) => !a.overdue) },
            ]
              .filter((group) => group.items.length > 0)
              .map((group) => (
                <section key={group.id} aria-labelledby={group.id} className="mb-8">
                  <h2 id={group.id} className="mb-3 text-sm font-semibold text-slate-900">
                    {group.title} ({group.items.length})
                  </h2>
                  <Card>
                    <ul className="divide-y divide-slate-100">
                      {group.items.map((a) => (
                        <li key={a.handoffId} className={`flex flex-col gap-3 border-l-4 px-5 py-4 sm:flex-row sm:items-center sm:justify-between ${a.overdue ? "border-l-red-500" : "border-l-transparent"}`}>
                          <div className="min-w-0">
                            <p className="text-sm font-medium text-slate-900">
                              <span className="mr-2 font-mono text-xs text-slate-600">{handoffRef(a.number)}</span> {a.title}
                            </p>
                            <p className="text-xs text-slate-600">
                              {a.customerName} · {a.openRisks} open risk{a.openRisks === 1 ? "" : "s"} to accept
                            </p>
                          </div>
                          <div className="flex flex-wrap items-center gap-3 sm:flex-nowrap">
                            <WaitingLabel waitedMs={a.waitedMs} dueAt={a.dueAt} overdue={a.overdue} />
                            <Link
                              href={`/handoffs/${a.handoffId}`}
                              className={`whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${a.overdue || (overdue === 0 && a === acknowledgements[0]) ? "bg-brand-600 text-white hover:bg-brand-700" : "bg-white text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"}`}
                            >
                              Review and acknowledge<span className="sr-only"> {handoffRef(a.number)}</span>
                            </Link>
                          </div>
                        </li>
                      ))}
                    </ul>
                  </Card>
                </section>
              ))
          )}
        </>
      )}

      {policyChange && (
        <section aria-labelledby="policy-changes" className="mb-8">
          <h2 id="policy-changes" className="mb-3 text-sm font-semibold text-slate-900">
            Policy changes waiting for a second approver (1)
          </h2>
          <PolicyChangeCard change={policyChange} mode={policyChange.proposedById === actor.userId ? "view" : "decide"} />
        </section>
      )}

      <ApprovalInbox gates={gates} overrides={overrides} showGates={!isLead} />
    </div>
  );
}
