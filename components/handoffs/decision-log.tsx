"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CollapsibleCard } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { formatDate } from "@/components/ui/format";
import { usePost } from "@/components/ui/use-post";
import type { HandoffDetail } from "@/lib/handoffs/detail";

/** The append-only decision log: decisions are added, never edited; each one reaches the brief. */
export function DecisionLog({ handoff, mayDecide, defaultOpen = false }: { handoff: HandoffDetail; mayDecide: boolean; defaultOpen?: boolean }) {
  const { post, pending, error, errorRef } = usePost();
  const [title, setTitle] = useState("");
  const [rationale, setRationale] = useState("");

  return (
    <CollapsibleCard
      id="decisions-heading"
      title="Decision log"
      description={`${handoff.decisions.length === 0 ? "No" : handoff.decisions.length} decision${handoff.decisions.length === 1 ? "" : "s"} · append-only; every decision is added to the implementation brief`}
      defaultOpen={defaultOpen}
    >
      {handoff.decisions.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">No decisions recorded yet.</p>
      ) : (
        <ol className="divide-y divide-slate-100 text-sm">
          {handoff.decisions.map((d) => (
            <li key={d.id} className="px-5 py-2.5">
              <p className="font-medium text-slate-800">{d.title}</p>
              <p className="text-slate-600">{d.rationale}</p>
              <p className="text-xs text-slate-600">
                {d.decidedBy}, {formatDate(d.decidedAt)}
              </p>
            </li>
          ))}
        </ol>
      )}
      {mayDecide && (
        <form
          className="space-y-3 border-t border-slate-100 px-5 py-4"
          onSubmit={async (e) => {
            e.preventDefault();
            const done = await post(`/api/handoffs/${handoff.id}/decisions`, { title, rationale });
            if (done) {
              setTitle("");
              setRationale("");
            }
          }}
        >
          <Field label="What was decided" error={error?.fieldErrors?.title?.[0]}>
            {(p) => <input {...p} className={inputClass} value={title} onChange={(e) => setTitle(e.target.value)} required minLength={3} maxLength={200} />}
          </Field>
          <Field label="Why" error={error?.fieldErrors?.rationale?.[0]}>
            {(p) => <textarea {...p} rows={2} className={inputClass} value={rationale} onChange={(e) => setRationale(e.target.value)} required minLength={3} maxLength={2000} />}
          </Field>
          {error && !error.fieldErrors && <Alert ref={errorRef}>{error.message}</Alert>}
          <Button type="submit" variant="secondary" pending={pending}>
            Record decision
          </Button>
        </form>
      )}
    </CollapsibleCard>
  );
}
