"use client";

import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { Field, inputClass } from "@/components/ui/field";
import { formatDateTime, handoffRef, joinDistinct } from "@/components/ui/format";
import { RiskBadge } from "@/components/handoffs/labels";
import { useCommand } from "@/components/handoffs/use-command";
import type { InboxGate } from "@/lib/handoffs/approvals";
import { WaitingLabel } from "./waiting-label";

/** One gate waiting for the signed-in approver: what was submitted, how long it has waited, and the decision. */
export function ApprovalCard({ gate, onDecided }: { gate: InboxGate; onDecided: (message: string) => void }) {
  const { run, pending, error, errorRef } = useCommand(gate.handoffId);
  const [mode, setMode] = useState<"idle" | "changes">("idle");
  const [comment, setComment] = useState("");
  const headingId = `gate-${gate.stageId}`;
  const ref = handoffRef(gate.number);
  const gateName = `${gate.stageLabel} gate`;

  return (
    <Card aria-labelledby={headingId} className={cx("border-l-4", gate.overdue ? "border-l-red-500" : "border-l-brand-500")}>
      <div className="flex flex-col gap-3 border-b border-slate-100 px-5 py-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <p className="text-xs font-medium uppercase tracking-wide text-brand-700">{gateName}</p>
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            <Link href={`/handoffs/${gate.handoffId}`} className="hover:underline">
              <span className="mr-2 font-mono text-sm text-slate-600">{ref}</span> {gate.title}
            </Link>
          </h2>
          <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
            <span>{joinDistinct([gate.customerName, `submitted by ${gate.submittedBy ?? "—"} on ${formatDateTime(gate.submittedAt)}`])}</span>
            <RiskBadge level={gate.riskLevel as never} />
          </p>
        </div>
        <WaitingLabel waitedMs={gate.waitedMs} dueAt={gate.dueAt} overdue={gate.overdue} />
      </div>
      <div className="space-y-3 px-5 py-4">
        <ul className="space-y-1.5 text-sm" aria-label="Evidence">
          {gate.evidence.map((e, i) => (
            <li key={i} className="flex gap-2">
              <span className="text-emerald-700" aria-hidden="true">
                ✓
              </span>
              <span className="min-w-0 break-words">
                {e.label}
                {e.url && (
                  <>
                    {" — "}
                    <a href={e.url} className="font-medium text-brand-700 underline underline-offset-2" target="_blank" rel="noreferrer">
                      open<span className="sr-only"> {e.label}</span>
                    </a>
                  </>
                )}
                {e.note && <span className="text-slate-600"> — “{e.note}”</span>}
              </span>
            </li>
          ))}
          {gate.missing.map((m) => (
            <li key={m} className="flex gap-2 text-red-700">
              <span aria-hidden="true">✗</span> {m} (missing)
            </li>
          ))}
        </ul>
        {error && <Alert ref={errorRef}>{error.message}</Alert>}
        {mode === "changes" ? (
          <form
            className="space-y-3 rounded-md border border-amber-200 bg-amber-50/50 p-4"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await run({ type: "REQUEST_CHANGES", stage: gate.stage, comment })) onDecided(`Sent back: ${ref} ${gateName}, with your comment to its owner.`);
            }}
          >
            <Field label="What needs to change" hint="Required. The stage owner sees this comment." error={error?.fieldErrors?.comment?.[0]}>
              {(p) => <textarea {...p} rows={3} className={inputClass} value={comment} onChange={(e) => setComment(e.target.value)} autoFocus />}
            </Field>
            <div className="flex flex-wrap gap-2">
              <Button type="submit" pending={pending}>
                Send back
              </Button>
              <Button type="button" variant="ghost" onClick={() => setMode("idle")}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <div className="flex flex-wrap items-center gap-2">
            <Button
              pending={pending}
              onClick={async () => {
                if (await run({ type: "APPROVE_GATE", stage: gate.stage })) onDecided(`Approved: ${ref} ${gateName}.`);
              }}
            >
              Approve {gateName}
              <span className="sr-only"> of {ref}</span>
            </Button>
            <Button variant="secondary" disabled={pending} onClick={() => setMode("changes")}>
              Request changes<span className="sr-only"> to {ref}</span>
            </Button>
            <Link href={`/handoffs/${gate.handoffId}`} className="ml-auto text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
              Open the handoff<span className="sr-only"> {ref}</span>
            </Link>
          </div>
        )}
      </div>
    </Card>
  );
}
