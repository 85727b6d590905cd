"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CollapsibleCard } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format";
import type { HandoffDetail } from "@/lib/handoffs/detail";
import { useCommand } from "./use-command";

/** Scope changes logged against the handoff; those after the brief was approved count as incidents. */
export function ScopeChanges({ handoff, defaultOpen = false }: { handoff: HandoffDetail; defaultOpen?: boolean }) {
  const { run, pending, error, errorRef } = useCommand(handoff.id);
  const afterBrief = handoff.scopeChanges.filter((c) => c.afterBrief).length;
  const [description, setDescription] = useState("");
  const mayLog = handoff.allowed.includes("LOG_SCOPE_CHANGE");

  return (
    <CollapsibleCard
      id="scope-changes-heading"
      title="Scope changes"
      description={`${handoff.scopeChanges.length === 0 ? "None" : handoff.scopeChanges.length} logged${afterBrief ? ` · ${afterBrief} after the brief was approved` : ""}`}
      defaultOpen={defaultOpen}
    >
      <p className="px-5 pt-4 text-xs text-slate-600">
        Anything that moves what was agreed. A change logged after the implementation brief was approved counts as a scope-change incident.
      </p>
      {handoff.scopeChanges.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">No scope changes logged.</p>
      ) : (
        <ol className="divide-y divide-slate-100 text-sm">
          {handoff.scopeChanges.map((c) => (
            <li key={c.id} className="flex items-start justify-between gap-3 px-5 py-2.5">
              <div>
                <p className="text-slate-800">{c.description}</p>
                <p className="text-xs text-slate-600">
                  {c.loggedBy ?? "Imported"}, {formatDateTime(c.loggedAt)}
                </p>
              </div>
              {c.afterBrief ? <Badge tone="red">After brief approval</Badge> : <Badge tone="slate">Before brief approval</Badge>}
            </li>
          ))}
        </ol>
      )}
      {mayLog && (
        <form
          className="space-y-3 border-t border-slate-100 px-5 py-4"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await run({ type: "LOG_SCOPE_CHANGE", description })) setDescription("");
          }}
        >
          <Field label="What changed" error={error?.fieldErrors?.description?.[0]}>
            {(p) => <textarea {...p} rows={2} className={inputClass} value={description} onChange={(e) => setDescription(e.target.value)} required minLength={5} maxLength={2000} />}
          </Field>
          {error && !error.fieldErrors && <Alert ref={errorRef}>{error.message}</Alert>}
          <Button type="submit" variant="secondary" pending={pending}>
            Log scope change
          </Button>
        </form>
      )}
    </CollapsibleCard>
  );
}
