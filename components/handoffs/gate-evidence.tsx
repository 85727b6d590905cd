"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format";
import type { HandoffDetail } from "@/lib/handoffs/detail";
import type { GateRun } from "./gate-actions";

type Stage = HandoffDetail["stages"][number];
type Requirement = Stage["requirements"][number];

/** The gate's evidence checklist; `canCapture` is the server's word that evidence may be added now. */
export function RequirementList({ stage, canCapture, pending, run }: { stage: Stage; canCapture: boolean; pending: boolean; run: GateRun }) {
  return (
    <div>
      <h3 className="mb-2 text-sm font-medium text-slate-800">Required evidence</h3>
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {stage.requirements.map((r) => (
          <RequirementRow
            key={r.key}
            requirement={r}
            canCapture={canCapture}
            pending={pending}
            onCapture={(values) => run({ type: "CAPTURE_EVIDENCE", stage: stage.key, requirementKey: r.key, ...values }, `Evidence saved: ${r.label}.`)}
          />
        ))}
      </ul>
    </div>
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
  // Kept here, not in the form: a cancelled form reopens with what was typed.
  const [value, setValue] = useState("");
  const done = requirement.items.length > 0;
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
          <RequirementDetail requirement={requirement} />
        </div>
        {canCapture && !open && !requirement.recordedBy && (
          <Button variant="secondary" size="sm" onClick={() => (requirement.kind === "CHECK" ? onCapture({}) : setOpen(true))} disabled={pending}>
            {requirement.kind === "CHECK" ? (done ? "Confirm again" : "Confirm") : done ? "Update" : "Add evidence"}
          </Button>
        )}
      </div>
      {open && (
        <EvidenceForm
          requirement={requirement}
          value={value}
          onValueChange={setValue}
          pending={pending}
          onCapture={onCapture}
          onSaved={() => {
            setOpen(false);
            setValue("");
          }}
          onCancel={() => setOpen(false)}
        />
      )}
    </li>
  );
}

/** The latest evidence captured, or what the requirement asks for while there is none. */
function RequirementDetail({ requirement }: { requirement: Requirement }) {
  const latest = requirement.items.at(-1);
  if (!latest) {
    return (
      <p className="mt-0.5 text-xs text-slate-600">
        {requirement.help}
        {requirement.recordedBy && ` Recorded by ${requirement.recordedBy}.`}
      </p>
    );
  }
  return (
    <p className="mt-0.5 break-words text-xs text-slate-600">
      {latest.url && (
        <a href={latest.url} className="text-brand-700 underline underline-offset-2" target="_blank" rel="noreferrer">
          {latest.url}
        </a>
      )}
      {latest.url && latest.note && " "}
      {latest.note && <span className="text-slate-700">“{latest.note}”</span>} — {latest.capturedBy ?? "system"}, {formatDateTime(latest.capturedAt)}
    </p>
  );
}

/** A link or a note for one requirement; closes once the server has saved it. */
function EvidenceForm({
  requirement,
  value,
  onValueChange,
  pending,
  onCapture,
  onSaved,
  onCancel,
}: {
  requirement: Requirement;
  value: string;
  onValueChange: (value: string) => void;
  pending: boolean;
  onCapture: (values: { note?: string; url?: string }) => Promise<boolean>;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const link = requirement.kind === "LINK";
  return (
    <form
      className="mt-3 flex flex-wrap items-end gap-2 pl-8"
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await onCapture(link ? { url: value } : { note: value });
        if (ok) onSaved();
      }}
    >
      <div className="min-w-0 flex-1 basis-56">
        <Field label={link ? `Link for “${requirement.label}”` : `Note for “${requirement.label}”`}>
          {(p) => (
            <input
              {...p}
              type={link ? "url" : "text"}
              required
              placeholder={link ? "https://" : requirement.help}
              className={inputClass}
              value={value}
              onChange={(e) => onValueChange(e.target.value)}
              autoFocus
            />
          )}
        </Field>
      </div>
      <Button type="submit" size="sm" pending={pending}>
        Save evidence
      </Button>
      <Button type="button" size="sm" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  );
}
