"use client";

import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { formatDate, formatDateTime } from "@/components/ui/format";
import type { HandoffDetail } from "@/lib/handoffs/detail";
import { acknowledgementTerms } from "@/lib/handoffs/lifecycle";
import { StageStatusBadge } from "./labels";
import { RiskAcceptance } from "./risk-acceptance";
import { useCommand } from "./use-command";

type Stage = HandoffDetail["stages"][number];
type Requirement = Stage["requirements"][number];

/**
 * The current stage's quality gate: its evidence checklist and the actions the
 * signed-in person may take now. Controls the server would refuse are not shown;
 * the server checks again regardless.
 */
export function GatePanel({ handoff }: { handoff: HandoffDetail }) {
  const stage = handoff.stages.find((s) => s.isCurrent)!;
  const { run: send, pending, error, errorRef, clearError } = useCommand(handoff.id);
  const allowed = new Set(handoff.allowed);
  // After each action, focus lands on this message: the button pressed is disabled while the
  // action runs and often gone afterwards, which would drop a keyboard user on the page.
  const [notice, setNotice] = useState("");
  const statusRef = useRef<HTMLParagraphElement>(null);
  const run = async (command: Parameters<typeof send>[0], done: string) => {
    setNotice("");
    const ok = await send(command, { focus: () => statusRef.current });
    if (ok) setNotice(done);
    return ok;
  };
  const [changesOpen, setChangesOpen] = useState(false);
  const [comment, setComment] = useState("");
  const workable = stage.status === "IN_PROGRESS" || stage.status === "CHANGES_REQUESTED";
  const closed = handoff.status === "COMPLETED" || handoff.status === "CANCELLED";
  const sentBack = handoff.risks.filter((r) => r.status === "REJECTED").length;

  return (
    <section aria-labelledby="gate-heading" className="scroll-mt-6 rounded-lg border border-brand-100 bg-white shadow-sm ring-1 ring-brand-100">
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

      <div className="space-y-4 px-5 py-4">
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

        <div>
          <h3 className="mb-2 text-sm font-medium text-slate-800">Required evidence</h3>
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
            {stage.requirements.map((r) => (
              <RequirementRow
                key={r.key}
                requirement={r}
                canCapture={allowed.has("CAPTURE_EVIDENCE") && workable}
                pending={pending}
                onCapture={(values) => run({ type: "CAPTURE_EVIDENCE", stage: stage.key, requirementKey: r.key, ...values }, `Evidence saved: ${r.label}.`)}
              />
            ))}
          </ul>
        </div>

        {stage.key === "ACKNOWLEDGEMENT" && (
          <>
            <RiskAcceptance handoff={handoff} />
            <AcknowledgementNote handoff={handoff} />
          </>
        )}

        <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-4">
          {allowed.has("START_STAGE") && (
            <Button pending={pending} onClick={() => run({ type: "START_STAGE", stage: stage.key }, `${stage.label} started.`)}>
              Start {stage.label.charAt(0).toLowerCase() + stage.label.slice(1)}
            </Button>
          )}
          {stage.key === "ACKNOWLEDGEMENT" && stage.canWork && workable && !handoff.acknowledgedAt && (
            <>
              <Button pending={pending} disabled={!allowed.has("ACKNOWLEDGE")} onClick={() => run({ type: "ACKNOWLEDGE" }, "Handoff acknowledged; its open risks are accepted.")} aria-describedby={sentBack ? "ack-hint" : undefined}>
                Acknowledge and accept risks
              </Button>
              {sentBack > 0 && (
                <p id="ack-hint" className="text-xs text-amber-800">
                  {sentBack} risk{sentBack === 1 ? " is" : "s are"} with the project manager for revision.
                </p>
              )}
            </>
          )}
          {workable && stage.canWork && (
            <Button
              pending={pending}
              disabled={!allowed.has("SUBMIT_GATE")}
              onClick={() => run({ type: "SUBMIT_GATE", stage: stage.key }, `${stage.label} gate submitted for approval.`)}
              aria-describedby={stage.missing.length ? "submit-hint" : undefined}
            >
              Submit for approval
            </Button>
          )}
          {allowed.has("APPROVE_GATE") && (
            <Button pending={pending} onClick={() => run({ type: "APPROVE_GATE", stage: stage.key }, `${stage.label} gate approved.`)}>
              Approve gate
            </Button>
          )}
          {allowed.has("REQUEST_CHANGES") && !changesOpen && (
            <Button variant="secondary" disabled={pending} onClick={() => setChangesOpen(true)}>
              Request changes
            </Button>
          )}
          {workable && stage.canWork && stage.missing.length > 0 && (
            <p id="submit-hint" className="text-xs text-slate-600">
              Still missing: {stage.missing.join("; ")}.
            </p>
          )}
          {!closed && !stage.canWork && !stage.canApprove && (
            <p className="text-sm text-slate-600">You can follow this stage; its owner and approvers act on it.</p>
          )}
        </div>

        {changesOpen && (
          <form
            className="space-y-3 rounded-md border border-amber-200 bg-amber-50/50 p-4"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await run({ type: "REQUEST_CHANGES", stage: stage.key, comment }, `${stage.label} gate sent back to its owner with your comment.`)) {
                setChangesOpen(false);
                setComment("");
              }
            }}
          >
            <Field label="What needs to change" hint="Required. The stage owner sees this comment." error={error?.fieldErrors?.comment?.[0]}>
              {(p) => <textarea {...p} rows={3} required minLength={3} className={inputClass} value={comment} onChange={(e) => setComment(e.target.value)} autoFocus />}
            </Field>
            <div className="flex gap-2">
              <Button type="submit" pending={pending}>
                Send back
              </Button>
              <Button type="button" variant="ghost" onClick={() => setChangesOpen(false)}>
                Cancel
              </Button>
            </div>
          </form>
        )}
      </div>
    </section>
  );
}

function RequirementRow({
  requirement,
  canCapture,
  pending,
  onCapture,
}: {
  requirement: Requirement;
  canCapture: boolean;
  pending: boolean;
  onCapture: (values: { note?: string; url?: string }) => Promise<boolean>;
}) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState("");
  const done = requirement.items.length > 0;
  const latest = requirement.items.at(-1);
  return (
    <li className="px-4 py-3">
      <div className="flex items-start gap-3">
        <span
          className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${done ? "bg-emerald-100 text-emerald-700" : "bg-slate-100 text-slate-600"}`}
          aria-hidden="true"
        >
          {done ? "✓" : "•"}
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium text-slate-800">
            {requirement.label} <span className="sr-only">{done ? "(captured)" : "(missing)"}</span>
          </p>
          {latest ? (
            <p className="mt-0.5 break-words text-xs text-slate-600">
              {latest.url && (
                <a href={latest.url} className="text-brand-700 underline underline-offset-2" target="_blank" rel="noreferrer">
                  {latest.url}
                </a>
              )}
              {latest.url && latest.note && " "}
              {latest.note && <span className="text-slate-700">“{latest.note}”</span>} — {latest.capturedBy ?? "system"}, {formatDateTime(latest.capturedAt)}
            </p>
          ) : (
            <p className="mt-0.5 text-xs text-slate-600">
              {requirement.help}
              {requirement.recordedBy && ` Recorded by ${requirement.recordedBy}.`}
            </p>
          )}
        </div>
        {canCapture && !open && !requirement.recordedBy && (
          <Button variant="secondary" size="sm" onClick={() => (requirement.kind === "CHECK" ? onCapture({}) : setOpen(true))} disabled={pending}>
            {requirement.kind === "CHECK" ? (done ? "Confirm again" : "Confirm") : done ? "Update" : "Add evidence"}
          </Button>
        )}
      </div>
      {open && (
        <form
          className="mt-3 flex flex-wrap items-end gap-2 pl-8"
          onSubmit={async (e) => {
            e.preventDefault();
            const ok = await onCapture(requirement.kind === "LINK" ? { url: value } : { note: value });
            if (ok) {
              setOpen(false);
              setValue("");
            }
          }}
        >
          <div className="min-w-0 flex-1 basis-56">
            <Field label={requirement.kind === "LINK" ? `Link for “${requirement.label}”` : `Note for “${requirement.label}”`}>
              {(p) => (
                <input
                  {...p}
                  type={requirement.kind === "LINK" ? "url" : "text"}
                  required
                  placeholder={requirement.kind === "LINK" ? "https://" : requirement.help}
                  className={inputClass}
                  value={value}
                  onChange={(e) => setValue(e.target.value)}
                  autoFocus
                />
              )}
            </Field>
          </div>
          <Button type="submit" size="sm" pending={pending}>
            Save evidence
          </Button>
          <Button type="button" size="sm" variant="ghost" onClick={() => setOpen(false)}>
            Cancel
          </Button>
        </form>
      )}
    </li>
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
