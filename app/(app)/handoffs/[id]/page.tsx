import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditHistory } from "@/components/handoffs/audit-history";
import { BriefPreview } from "@/components/handoffs/brief-preview";
import { DecisionLog } from "@/components/handoffs/decision-log";
import { DeliveryOutputs } from "@/components/handoffs/delivery-outputs";
import { GatePanel } from "@/components/handoffs/gate-panel";
import { HandoffFacts } from "@/components/handoffs/handoff-facts";
import { HandoffSidebar } from "@/components/handoffs/handoff-sidebar";
import { KickoffPanel } from "@/components/handoffs/kickoff-panel";
import { ScopeChanges } from "@/components/handoffs/scope-changes";
import { OverridePanel } from "@/components/handoffs/override-panel";
import { OwnerResolution } from "@/components/handoffs/owner-resolution";
import { HandoffStatusBadge, RiskBadge } from "@/components/handoffs/labels";
import { StageRecord, StageTimeline } from "@/components/handoffs/stage-timeline";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { handoffRef } from "@/components/ui/format";
import { requirePageActor } from "@/lib/auth/session";
import { isDomainError } from "@/lib/errors";
import { deliveryOutputsStatus } from "@/lib/delivery/actions";
import { ownerResolutionOptions } from "@/lib/delivery/owners";
import { assignableCandidates } from "@/lib/handoffs/reassign";
import { getHandoffDetail, type HandoffDetail } from "@/lib/handoffs/detail";

export const metadata: Metadata = { title: "Handoff" };

export default async function HandoffPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor("handoffs:view");
  const { id } = await params;
  let handoff: HandoffDetail;
  try {
    handoff = await getHandoffDetail(actor, id);
  } catch (error) {
    if (isDomainError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { outputs, brief } = await deliveryOutputsStatus(handoff.id);
  const unmapped = outputs.find((o) => o.key === "workspace")?.unmapped ?? [];
  const [candidates, ownerOptions] = await Promise.all([
    handoff.canReassign ? assignableCandidates() : null,
    handoff.canResolveOwners && unmapped.length > 0 ? ownerResolutionOptions(handoff.id, unmapped.some((u) => u.kind === "not_linked")) : null,
  ]);

  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <div>
        <Link href="/handoffs" className="text-sm font-medium text-brand-600 hover:underline">
          ← Handoff queue
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <span className="font-mono text-sm text-slate-500">{handoffRef(handoff.number)}</span>
          <h1 className="text-xl font-semibold text-slate-900">{handoff.title}</h1>
          <HandoffStatusBadge status={handoff.status} />
          <RiskBadge level={handoff.riskLevel} />
          {handoff.overdue && <Badge tone="red">Overdue</Badge>}
          {handoff.pilotCohort && <Badge tone="violet">Pilot cohort</Badge>}
        </div>
        <p className="mt-1 text-sm text-slate-500">
          {handoff.customerName} · {handoff.team} · {handoff.segment}
        </p>
      </div>

      {handoff.intakeIssues.length > 0 && (
        <Alert title={`Intake blocked: ${handoff.intakeIssues.length} mandatory field${handoff.intakeIssues.length === 1 ? " is" : "s are"} missing or invalid`}>
          <ul className="mt-1 list-disc pl-5">
            {handoff.intakeIssues.map((issue) => (
              <li key={issue.field}>
                <span className="font-medium">{issue.label}:</span> {issue.problem}
              </li>
            ))}
          </ul>
          <p className="mt-2">
            Fix these on the{" "}
            <a href={handoff.deal.sourceUrl} className="font-medium underline" target="_blank" rel="noreferrer">
              deal in the CRM
            </a>
            ; the handoff unblocks when the corrected deal is captured again.
          </p>
        </Alert>
      )}

      <StageTimeline stages={handoff.stages} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-6">
          <GatePanel handoff={handoff} />
          <OwnerResolution handoffId={handoff.id} unmapped={unmapped} options={ownerOptions} mayResolve={handoff.canResolveOwners} />
          <OverridePanel handoff={handoff} />
          <DeliveryOutputs handoffId={handoff.id} outputs={outputs} mayResync={handoff.canResyncOutputs} />
          {brief && <BriefPreview brief={brief} />}
          {(handoff.stage === "ACKNOWLEDGEMENT" || handoff.stage === "HANDOFF_DIGEST" || handoff.stage === "KICKOFF_QA") && (
            <KickoffPanel handoff={handoff} mayManage={handoff.canManageKickoff} />
          )}
          <Card aria-labelledby="gates-heading">
            <CardHeader id="gates-heading" title="Quality gates" description="Evidence and sign-off for every stage" />
            <div className="divide-y divide-slate-100">
              {handoff.stages.map((s) => (
                <StageRecord key={s.key} stage={s} />
              ))}
            </div>
          </Card>
          <HandoffFacts handoff={handoff} />
          <DecisionLog handoff={handoff} mayDecide={handoff.canRecordDecision} />
          <ScopeChanges handoff={handoff} />
        </div>
        <div className="space-y-6">
          <HandoffSidebar handoff={handoff} candidates={candidates} />
          <AuditHistory events={handoff.audit} />
        </div>
      </div>
    </div>
  );
}
