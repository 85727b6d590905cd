"use client";

import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { formatDateTime, handoffRef } from "@/components/ui/format";
import { RiskBadge } from "@/components/handoffs/labels";
import { useCommand } from "@/components/handoffs/use-command";
import type { InboxGate } from "@/lib/handoffs/approvals";

export function ApprovalCard({ gate }: { gate: InboxGate }) {
  const { run, pending, error } = useCommand(gate.handoffId);
  const [mode, setMode] = useState<"idle" | "changes">("idle");
  const [comment, setComment] = useState("");
  const headingId = `gate-${gate.stageId}`;

  return (
    <Card aria-labelledby={headingId}>
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-brand-700">{gate.stageLabel} gate</p>
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            <Link href={`/handoffs/${gate.handoffId}`} className="hover:underline">
              <span className="mr-2 font-mono text-sm text-slate-500">{handoffRef(gate.number)}</span>
              {gate.title}
            </Link>
          </h2>
          <p className="text-xs text-slate-500">
            {gate.customerName} · submitted by {gate.submittedBy ?? "—"} on {formatDateTime(gate.submittedAt)}
          </p>
        </div>
        <RiskBadge level={gate.riskLevel as never} />
      </div>
      <div className="space-y-3 px-5 py-4">
        <ul className="space-y-1.5 text-sm" aria-label="Evidence">
          {gate.evidence.map((e, i) => (
            <li key={i} className="flex gap-2">
              <span className="text-emerald-600" aria-hidden="true">
                ✓
              </span>
              <span>
                {e.label}
                {e.url && (
                  <>
                    {" — "}
                    <a href={e.url} className="text-brand-600 hover:underline" target="_blank" rel="noreferrer">
                      open
                    </a>
                  </>
                )}
                {e.note && <span className="text-slate-500"> — “{e.note}”</span>}
              </span>
            </li>
          ))}
          {gate.missing.map((m) => (
            <li key={m} className="flex gap-2 text-red-700">
              <span aria-hidden="true">✗</span> {m} (missing)
            </li>
          ))}
        </ul>
        {error && <Alert>{error.message}</Alert>}
        {mode === "changes" ? (
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              run({ type: "REQUEST_CHANGES", stage: gate.stage, comment });
            }}
          >
            <Field label="What needs to change" hint="Required. The stage owner sees this comment." error={error?.fieldErrors?.comment?.[0]}>
              {(p) => <textarea {...p} rows={3} className={inputClass} value={comment} onChange={(e) => setComment(e.target.value)} autoFocus />}
            </Field>
            <div className="flex gap-2">
              <Button type="submit" pending={pending}>
                Send back
              </Button>
              <Button type="button" variant="ghost" onClick={() => setMode("idle")}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <div className="flex gap-2">
            <Button pending={pending} onClick={() => run({ type: "APPROVE_GATE", stage: gate.stage })}>
              Approve
            </Button>
            <Button variant="secondary" disabled={pending} onClick={() => setMode("changes")}>
              Request changes
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}
