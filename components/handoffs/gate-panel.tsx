"use client";

import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { formatDate, formatDateTime } from "@/components/ui/format";
import type { HandoffDetail } from "@/lib/handoffs/detail";
import { acknowledgementTerms, type Command } from "@/lib/handoffs/lifecycle";
import { GateActions, RequestChangesForm } from "./gate-actions";
import { RequirementList } from "./gate-evidence";
import { StageStatusBadge } from "./labels";
import { RiskAcceptance } from "./risk-acceptance";
import { useCommand } from "./use-command";

type Stage = HandoffDetail["stages"][number];
type GateCommand = ReturnType<typeof useGateCommand>;

/**
 * The current stage's quality gate: its evidence checklist and the actions the
 * signed-in person may take now. Controls the server would refuse are not shown;
 * the server checks again regardless.
 */
export function GatePanel({ handoff }: { handoff: HandoffDetail }) {
  const stage = handoff.stages.find((s) => s.isCurrent)!;
  const gate = useGateCommand(handoff.id);
  const [changesOpen, setChangesOpen] = useState(false);
  const [comment, setComment] = useState("");
  const closed = handoff.status === "COMPLETED" || handoff.status === "CANCELLED";

  return (
    <section aria-labelledby="gate-heading" className="scroll-mt-6 rounded-lg border border-brand-100 bg-white shadow-sm ring-1 ring-brand-100">
      <GateHeader stage={stage} closed={closed} />

      <div className="space-y-4 px-5 py-4">
        <GateFeedback gate={gate} />
        <GateStateNote handoff={handoff} stage={stage} />

        {/* The server allows CAPTURE_EVIDENCE only while this stage is open to the actor's work. */}
        <RequirementList stage={stage} canCapture={handoff.allowed.includes("CAPTURE_EVIDENCE")} pending={gate.pending} run={gate.run} />

        {stage.key === "ACKNOWLEDGEMENT" && (
          <>
            <RiskAcceptance handoff={handoff} />
            <AcknowledgementNote handoff={handoff} />
          </>
        )}

        <GateActions handoff={handoff} stage={stage} closed={closed} pending={gate.pending} run={gate.run} changesOpen={changesOpen} onRequestChanges={() => setChangesOpen(true)} />

        {changesOpen && (
          <RequestChangesForm
            stage={stage}
            comment={comment}
            onCommentChange={setComment}
            commentError={gate.error?.fieldErrors?.comment?.[0]}
            pending={gate.pending}
            run={gate.run}
            onSent={() => {
              setChangesOpen(false);
              setComment("");
            }}
            onCancel={() => setChangesOpen(false)}
          />
        )}
      </div>
    </section>
  );
}

/**
 * Sends a gate command and, once the server accepts it, says what happened in a status message
 * that takes focus: the button pressed is disabled while the action runs and often gone
 * afterwards, which would drop a keyboard user on the page.
 */
function useGateCommand(handoffId: string) {
  const { run: send, pending, error, errorRef, clearError } = useCommand(handoffId);
  const [notice, setNotice] = useState("");
  const statusRef = useRef<HTMLParagraphElement>(null);
  const run = async (command: Command, done: string) => {
    setNotice("");
    const ok = await send(command, { focus: () => statusRef.current });
    if (ok) setNotice(done);
    return ok;
  };
  return { run, pending, error, errorRef, clearError, notice, statusRef };
}

function GateHeader({ stage, closed }: { stage: Stage; closed: boolean }) {
  return (
    <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-5 py-4">
      <div>
        <p className="text-xs font-medium uppercase tracking-wide text-brand-700">{closed ? "Final stage" : "Current stage"}</p>
        <h2 id="gate-heading" className="scroll-mt-6 text-base font-semibold text-slate-900">
          {stage.label} gate
        </h2>
      </div>
      <div className="flex items-center gap-2">
        <StageStatusBadge status={stage.status} />
        {stage.dueAt && !closed && <span className="text-xs text-slate-600">Due {formatDate(stage.dueAt)}</span>}
      </div>
    </header>
  );
}

/** The outcome of the last gate action: what was done, or the server's reason why not. */
function GateFeedback({ gate }: { gate: GateCommand }) {
  const { notice, statusRef, error, errorRef, clearError } = gate;
  return (
    <>
      <p ref={statusRef} tabIndex={-1} role="status" className={notice ? "rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" : "sr-only"}>
        {notice}
      </p>
      {error && (
        <Alert ref={errorRef}>
          <span>{error.message}</span>{" "}
          <button type="button" className="ml-1 underline" onClick={clearError}>
            Dismiss
          </button>
        </Alert>
      )}
    </>
  );
}

/** Where the gate stands: blocked, sent back, ready to start or waiting on an approver. */
function GateStateNote({ handoff, stage }: { handoff: HandoffDetail; stage: Stage }) {
  return (
    <>
      {handoff.status === "INTAKE_BLOCKED" && stage.key === "INTAKE" && (
        <Alert tone="warning" title="Intake is blocked">
          The CRM record is missing mandatory data (listed below). The gate cannot be submitted until the deal is fixed in the CRM.
        </Alert>
      )}
      {stage.status === "CHANGES_REQUESTED" && stage.approvals.length > 0 && (
        <Alert tone="warning" title={`Changes requested by ${stage.approvals.at(-1)!.actor}`}>
          {stage.approvals.at(-1)!.comment}
        </Alert>
      )}
      {stage.status === "NOT_STARTED" && (
        <p className="text-sm text-slate-600">The previous gate is approved. This stage is ready to start.</p>
      )}
      {stage.status === "AWAITING_APPROVAL" && (
        <p className="text-sm text-slate-600">
          Submitted by {stage.submittedBy ?? "—"} on {formatDateTime(stage.submittedAt)}. Waiting on {handoff.waitingOn?.isMe ? "you" : (handoff.waitingOn?.name ?? "an approver")}.
        </p>
      )}
    </>
  );
}

function AcknowledgementNote({ handoff }: { handoff: HandoffDetail }) {
  return (
    <div className="rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-700">
      {handoff.acknowledgedAt ? (
        <p>Acknowledged on {formatDateTime(handoff.acknowledgedAt)}; every open risk was accepted.</p>
      ) : (
        <p>
          {acknowledgementTerms(handoff.risks)} Until then
          no kickoff can be scheduled and no client date confirmed.
        </p>
      )}
    </div>
  );
}
