import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditHistory } from "@/components/handoffs/audit-history";
import { BriefPreview } from "@/components/handoffs/brief-preview";
import { DecisionLog } from "@/components/handoffs/decision-log";
import { DeliveryOutputs } from "@/components/handoffs/delivery-outputs";
import { GatePanel } from "@/components/handoffs/gate-panel";
import { HandoffFacts } from "@/components/handoffs/handoff-facts";
import { DealSnapshot, dealSourceLabel } from "@/components/handoffs/handoff-sidebar";
import { KickoffPanel } from "@/components/handoffs/kickoff-panel";
import { ScopeChanges } from "@/components/handoffs/scope-changes";
import { OverridePanel } from "@/components/handoffs/override-panel";
import { OwnerResolution } from "@/components/handoffs/owner-resolution";
import { PeopleCard } from "@/components/handoffs/people-card";
import { HandoffStatusBadge, RiskBadge } from "@/components/handoffs/labels";
import { StageRecord, StageTimeline } from "@/components/handoffs/stage-timeline";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { CollapsibleCard } from "@/components/ui/card";
import { RevealOnHash } from "@/components/ui/reveal-on-hash";
import { handoffRef, joinDistinct } from "@/components/ui/format";
import { requirePageActor } from "@/lib/auth/session";
import { isDomainError } from "@/lib/errors";
import { deliveryOutputsStatus } from "@/lib/delivery/commands";
import { ownerResolutionOptions } from "@/lib/delivery/owners";
import { assignableCandidates } from "@/lib/handoffs/reassign";
import { getHandoffDetail, type HandoffDetail } from "@/lib/handoffs/detail";
import { STAGES } from "@/lib/rules/stages";

export const metadata: Metadata = { title: "Handoff" };

const stageIndex = (key: HandoffDetail["stage"]) => STAGES.findIndex((s) => s.key === key);

/**
 * One handoff. At the top, the current gate and everything the stage asks for now (the kickoff
 * from acknowledgement on; the brief and its decision log while the brief is written). Below,
 * the record, each part folded under a heading with a count and unfolded where the stage works
 * on it; beside it on wide screens, people, delivery outputs and history.
 */
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

  const current = stageIndex(handoff.stage);
  const briefStage = handoff.stage === "IMPLEMENTATION_BRIEF";
  // Scope and risks are what the intake gate checks; scope changes count as incidents once the brief is approved.
  const factsOpen = handoff.stage === "INTAKE";
  const scopeChangesOpen = current > stageIndex("IMPLEMENTATION_BRIEF");
  const kickoffShown = current >= stageIndex("ACKNOWLEDGEMENT");
  const gatesApproved = handoff.stages.filter((s) => s.status === "APPROVED").length;

  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <RevealOnHash />
      <div>
        <Link href="/handoffs" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          ← Handoff queue
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2">
          <span className="font-mono text-sm text-slate-600">{handoffRef(handoff.number)}</span>
          <h1 className="min-w-0 break-words text-xl font-semibold text-slate-900">{handoff.title}</h1>
          <HandoffStatusBadge status={handoff.status} />
          <RiskBadge level={handoff.riskLevel} />
          {handoff.overdue && <Badge tone="red">Overdue</Badge>}
          {handoff.pilotCohort && <Badge tone="violet">Pilot cohort</Badge>}
        </div>
        <p className="mt-1 text-sm text-slate-600">
          {joinDistinct([handoff.customerName, handoff.team, handoff.segment])}
          {" · "}
          <a href={handoff.deal.sourceUrl} target="_blank" rel="noreferrer" className="font-medium text-brand-700 underline underline-offset-2">
            {dealSourceLabel(handoff.deal)}
          </a>
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

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-6">
          <GatePanel handoff={handoff} />
          {kickoffShown && <KickoffPanel handoff={handoff} mayManage={handoff.canManageKickoff} />}
          <OwnerResolution handoffId={handoff.id} unmapped={unmapped} options={ownerOptions} mayResolve={handoff.canResolveOwners} gateApproved={handoff.stages.find((st) => st.key === "DELIVERY_WORKSPACE")?.status === "APPROVED"} />
          {handoff.stage === "INTAKE" && <OverridePanel handoff={handoff} />}
          {briefStage && brief && <BriefPreview brief={brief} defaultOpen />}
          {briefStage && <DecisionLog handoff={handoff} mayDecide={handoff.canRecordDecision} defaultOpen />}

          <div className="space-y-3">
            <HandoffFacts handoff={handoff} open={factsOpen} />
            <ScopeChanges handoff={handoff} defaultOpen={scopeChangesOpen} />
            {!briefStage && <DecisionLog handoff={handoff} mayDecide={handoff.canRecordDecision} />}
            {!briefStage && brief && <BriefPreview brief={brief} />}
            {handoff.stage !== "INTAKE" && <OverridePanel handoff={handoff} />}
            <CollapsibleCard id="gates-heading" title="Quality gates" description={`Evidence and sign-off for every stage · ${gatesApproved} of ${handoff.stages.length} approved`}>
              <div className="divide-y divide-slate-100">
                {handoff.stages.map((s) => (
                  <StageRecord key={s.key} stage={s} />
                ))}
              </div>
            </CollapsibleCard>
          </div>
        </div>
        <div className="min-w-0 space-y-6">
          <PeopleCard handoff={handoff} candidates={candidates} />
          <DeliveryOutputs handoffId={handoff.id} outputs={outputs} mayResync={handoff.canResyncOutputs} />
          <AuditHistory events={handoff.audit} />
          <DealSnapshot handoff={handoff} />
        </div>
      </div>
    </div>
  );
}
