"use client";

import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { HandoffDetail } from "@/lib/handoffs/detail";
import type { Command } from "@/lib/handoffs/lifecycle";

type Stage = HandoffDetail["stages"][number];

/** Sends a gate command; `done` is what the status message says once the server accepted it. */
export type GateRun = (command: Command, done: string) => Promise<boolean>;

/**
 * What the signed-in person may do at the gate now, from the server's `allowed` commands.
 * Submitting (and acknowledging) also shows while it is not yet allowed, disabled, with what
 * still stands in the way.
 */
export function GateActions({
  handoff,
  stage,
  closed,
  pending,
  run,
  changesOpen,
  onRequestChanges,
}: {
  handoff: HandoffDetail;
  stage: Stage;
  closed: boolean;
  pending: boolean;
  run: GateRun;
  changesOpen: boolean;
  onRequestChanges: () => void;
}) {
  const allowed = new Set(handoff.allowed);
  // Open to its workers even before submitting is allowed (the button shows, disabled, with what is missing).
  const { workable } = stage;
  const sentBack = handoff.risks.filter((r) => r.status === "REJECTED").length;

  return (
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
        <Button variant="secondary" disabled={pending} onClick={onRequestChanges}>
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
  );
}

/** The approver's comment when sending a gate back; the stage owner reads it. */
export function RequestChangesForm({
  stage,
  comment,
  onCommentChange,
  commentError,
  pending,
  run,
  onSent,
  onCancel,
}: {
  stage: Stage;
  comment: string;
  onCommentChange: (comment: string) => void;
  commentError: string | undefined;
  pending: boolean;
  run: GateRun;
  onSent: () => void;
  onCancel: () => void;
}) {
  return (
    <form
      className="space-y-3 rounded-md border border-amber-200 bg-amber-50/50 p-4"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await run({ type: "REQUEST_CHANGES", stage: stage.key, comment }, `${stage.label} gate sent back to its owner with your comment.`)) {
          onSent();
        }
      }}
    >
      <Field label="What needs to change" hint="Required. The stage owner sees this comment." error={commentError}>
        {(p) => <textarea {...p} rows={3} required minLength={3} className={inputClass} value={comment} onChange={(e) => onCommentChange(e.target.value)} autoFocus />}
      </Field>
      <div className="flex gap-2">
        <Button type="submit" pending={pending}>
          Send back
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
