"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format";
import { usePost } from "@/components/ui/use-post";

export interface PolicyChange {
  version: number;
  baseVersion: number;
  proposedBy: string | null;
  proposedAt: string | null;
  note: string | null;
  relaxations: string[];
}

/**
 * A change to the intake policy that relaxes a control, waiting for a second person. A PS
 * leader who did not propose it approves or rejects it; its editor can withdraw it.
 */
export function PolicyChangeCard({ change, mode, onDecided }: { change: PolicyChange; mode: "decide" | "withdraw" | "view"; onDecided?: (message: string) => void }) {
  const { post, pending, error, errorRef } = usePost();
  const [note, setNote] = useState("");
  const headingId = `policy-change-${change.version}`;
  const decide = async (decision: "approve" | "reject" | "withdraw") => {
    if (await post(`/api/intake/policy/versions/${change.version}/decision`, { decision, note })) {
      onDecided?.(`Intake policy version ${change.version} ${decision === "approve" ? "approved: it is now in force" : decision === "reject" ? "rejected" : "withdrawn"}.`);
    }
  };
  return (
    <Card aria-labelledby={headingId} className="border-l-4 border-l-amber-500">
      <div className="space-y-3 px-5 py-4 text-sm">
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-amber-800">Intake policy · relaxes a control · second approval</p>
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            Version {change.version} (proposed against version {change.baseVersion})
          </h2>
          <p className="text-xs text-slate-600">
            Proposed by {change.proposedBy ?? "—"}
            {change.proposedAt ? ` on ${formatDateTime(change.proposedAt)}` : ""}
            {change.note ? ` · “${change.note}”` : ""}
          </p>
        </div>
        <div>
          <p className="text-xs font-medium text-slate-600">What it relaxes</p>
          <ul className="mt-1 list-disc pl-5 text-slate-800">
            {change.relaxations.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
        {mode === "view" && <p className="text-slate-700">It applies once a PS leader other than its editor approves it; until then the version in force stays in force.</p>}
        {mode === "decide" && (
          <Field label={`Comment on version ${change.version}`} hint="Required to reject; kept in the audit trail.">
            {(p) => <input {...p} className={inputClass} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />}
          </Field>
        )}
        {error && <Alert ref={errorRef}>{error.message}</Alert>}
        {mode === "decide" && (
          <div className="flex flex-wrap gap-2">
            <Button pending={pending} onClick={() => decide("approve")}>
              Approve policy change<span className="sr-only"> version {change.version}</span>
            </Button>
            <Button variant="danger" disabled={pending} onClick={() => decide("reject")}>
              Reject<span className="sr-only"> policy version {change.version}</span>
            </Button>
          </div>
        )}
        {mode === "withdraw" && (
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-slate-700">It waits for a PS leader&apos;s approval; you cannot approve your own change.</p>
            <Button variant="secondary" pending={pending} onClick={() => decide("withdraw")}>
              Withdraw version {change.version}
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}
