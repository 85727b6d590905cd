"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { formatDate } from "@/components/ui/format";
import { usePost } from "@/components/ui/use-post";
import type { HandoffDetail } from "@/lib/handoffs/detail";

const CLASSIFICATION_LABEL = {
  UNCLASSIFIED: "Not yet classified",
  FALSE_POSITIVE: "False positive: the block was wrong",
  FALSE_NEGATIVE: "False negative: validation missed a real gap",
  JUSTIFIED: "Justified exception",
} as const;

const OVERRIDE_STATUS_LABEL = {
  PENDING_SECOND_APPROVAL: "Waiting for a second approver",
  APPROVED: "Approved",
  REJECTED: "Rejected",
} as const;

/** Overrides of the intake validation: request, second-person confirmation, classification. */
export function OverridePanel({ handoff }: { handoff: HandoffDetail }) {
  const { post, pending, error } = usePost();
  const [reason, setReason] = useState("");
  const controls = handoff.overrideControls;
  if (!controls.canRequest && handoff.overrides.length === 0) return null;

  return (
    <Card aria-labelledby="overrides-heading">
      <CardHeader id="overrides-heading" title="Overrides" description="Deliberate exceptions to the intake policy, with who approved them." />
      <div className="space-y-4 px-5 py-4">
        {error && <Alert>{error.message}</Alert>}
        {handoff.overrides.map((o) => (
          <div key={o.id} className="rounded-md border border-slate-200 p-3 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-slate-800">{o.kind === "INTAKE_VALIDATION" ? "Intake validation bypassed" : "Gate evidence bypassed"}</span>
              {o.material && <Badge tone={o.status === "PENDING_SECOND_APPROVAL" ? "red" : "slate"}>{o.status === "PENDING_SECOND_APPROVAL" ? "Material · needs a second approver" : "Material"}</Badge>}
              <Badge tone={o.status === "APPROVED" ? "green" : o.status === "REJECTED" ? "slate" : "amber"}>{OVERRIDE_STATUS_LABEL[o.status as keyof typeof OVERRIDE_STATUS_LABEL] ?? o.status}</Badge>
            </div>
            <p className="mt-1 text-slate-600">“{o.reason}”</p>
            <p className="mt-0.5 text-xs text-slate-500">
              Requested by {o.requestedBy} on {formatDate(o.createdAt)}
              {o.confirmedBy && `, ${o.status === "REJECTED" ? "rejected" : "confirmed"} by ${o.confirmedBy}`}
            </p>
            {o.status === "PENDING_SECOND_APPROVAL" && controls.canConfirm && !o.requestedByMe && (
              <div className="mt-3 flex gap-2">
                <Button size="sm" pending={pending} onClick={() => post(`/api/overrides/${o.id}/decision`, { decision: "CONFIRM" })}>
                  Confirm override
                </Button>
                <Button size="sm" variant="danger" disabled={pending} onClick={() => post(`/api/overrides/${o.id}/decision`, { decision: "REJECT" })}>
                  Reject
                </Button>
              </div>
            )}
            {o.status === "PENDING_SECOND_APPROVAL" && o.requestedByMe && (
              <p className="mt-2 text-xs text-amber-800">Waiting for a second, different approver (a PS leader or project manager).</p>
            )}
            {o.status === "APPROVED" && o.kind === "INTAKE_VALIDATION" && (
              <p className="mt-2 text-xs text-emerald-800" role="status">
                In force: the intake proceeds despite the fields it bypassed{o.material ? `, confirmed by ${o.confirmedBy ?? "a second approver"}` : ""}.
              </p>
            )}
            {o.status === "APPROVED" && controls.canClassify && (
              <label className="mt-3 flex items-center gap-2 text-xs text-slate-600">
                <span>Classification</span>
                <select
                  className={`${inputClass} w-auto py-1 text-xs`}
                  value={o.classification}
                  disabled={pending}
                  onChange={(e) => post(`/api/overrides/${o.id}/classification`, { classification: e.target.value })}
                >
                  {Object.entries(CLASSIFICATION_LABEL).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {o.status === "APPROVED" && !controls.canClassify && o.classification !== "UNCLASSIFIED" && (
              <p className="mt-1 text-xs text-slate-500">{CLASSIFICATION_LABEL[o.classification as keyof typeof CLASSIFICATION_LABEL]}</p>
            )}
          </div>
        ))}
        {controls.canRequest && (
          <form
            className="space-y-3"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await post(`/api/handoffs/${handoff.id}/overrides`, { reason })) setReason("");
            }}
          >
            <Field label="Reason to let this intake proceed anyway" hint="Logged with your name. Above the materiality threshold a second approver must confirm.">
              {(p) => <textarea {...p} rows={3} minLength={10} required className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} />}
            </Field>
            <Button type="submit" variant="secondary" pending={pending}>
              Request override
            </Button>
          </form>
        )}
      </div>
    </Card>
  );
}
