"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { usePost, type PostError } from "@/components/ui/use-post";
import type { FieldRule, IntakeFieldKey, IntakePolicy } from "@/lib/intake/policy";

type Kind = "list" | "text" | "amount" | "date" | "milestones" | "risks";
type Severity = IntakePolicy["materiality"]["severityThreshold"];
/** What the server answers for a saved policy: in force at once, or waiting for a second PS leader. */
type SavedVersion = { version: number; status: string; relaxations: string[] };

function stagesToText(stages: IntakePolicy["closedWonStages"]): string {
  return Object.entries(stages)
    .map(([pipeline, list]) => `${pipeline}: ${list.join(", ")}`)
    .join("\n");
}

function textToStages(text: string): IntakePolicy["closedWonStages"] {
  const out: Record<string, string[]> = {};
  for (const line of text.split("\n")) {
    const [pipeline, stages] = line.split(":");
    if (!pipeline?.trim() || !stages) continue;
    out[pipeline.trim()] = stages
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return out;
}

const numberInput = inputClass.replace("w-full", "w-24");

export function PolicyEditor({
  policy,
  version,
  kinds,
  formats,
}: {
  policy: IntakePolicy;
  version: number;
  kinds: Record<IntakeFieldKey, Kind>;
  formats: Record<IntakeFieldKey, string>;
}) {
  const form = usePolicyForm(policy);
  return (
    <form onSubmit={form.save} className="space-y-6" aria-label="Intake policy">
      <FieldRulesCard version={version} fields={form.fields} kinds={kinds} formats={formats} update={form.update} />

      <div className="grid gap-6 md:grid-cols-2">
        <ClosedWonStagesCard stages={form.stages} onChange={form.setStages} />
        <MaterialityCard
          amountThreshold={form.amountThreshold}
          onAmountThresholdChange={form.setAmountThreshold}
          severityThreshold={form.severityThreshold}
          onSeverityThresholdChange={form.setSeverityThreshold}
        />
      </div>

      <SaveCard note={form.note} onNoteChange={form.setNote} pending={form.pending} error={form.error} saved={form.saved} />
    </form>
  );
}

/** The policy being edited, and saving it as a new version with a note on what changed. */
function usePolicyForm(policy: IntakePolicy) {
  const { post, pending, error } = usePost();
  const [fields, setFields] = useState<FieldRule[]>(policy.fields);
  const [stages, setStages] = useState(stagesToText(policy.closedWonStages));
  const [amountThreshold, setAmountThreshold] = useState(String(policy.materiality.amountThreshold));
  const [severityThreshold, setSeverityThreshold] = useState(policy.materiality.severityThreshold);
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState<SavedVersion | null>(null);

  const update = (key: IntakeFieldKey, patch: Partial<FieldRule>) => setFields((all) => all.map((f) => (f.key === key ? { ...f, ...patch } : f)));

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setSaved(null);
    const result = await post<SavedVersion>("/api/intake/policy", {
      note,
      policy: {
        closedWonStages: textToStages(stages),
        fields,
        materiality: { amountThreshold: Number(amountThreshold), severityThreshold },
      },
    });
    if (result) {
      setSaved(result);
      setNote("");
    }
  }

  return { fields, update, stages, setStages, amountThreshold, setAmountThreshold, severityThreshold, setSeverityThreshold, note, setNote, saved, save, pending, error };
}

function FieldRulesCard({
  version,
  fields,
  kinds,
  formats,
  update,
}: {
  version: number;
  fields: FieldRule[];
  kinds: Record<IntakeFieldKey, Kind>;
  formats: Record<IntakeFieldKey, string>;
  update: (key: IntakeFieldKey, patch: Partial<FieldRule>) => void;
}) {
  return (
    <Card aria-labelledby="fields-heading">
      <CardHeader id="fields-heading" title="Mandatory closed-won fields" description={`Version ${version} is in force. Each field maps to a HubSpot deal property.`} />
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-5 py-2">Field</th>
              <th scope="col" className="px-3 py-2">HubSpot property</th>
              <th scope="col" className="px-3 py-2">Required</th>
              <th scope="col" className="px-3 py-2">Rules</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {fields.map((f) => (
              <tr key={f.key} className="align-top">
                <td className="px-5 py-3">
                  <p className="font-medium text-slate-800">{f.label}</p>
                  <p className="max-w-xs text-xs text-slate-500">{formats[f.key]}</p>
                </td>
                <td className="px-3 py-3">
                  <input aria-label={`HubSpot property for ${f.label}`} className={`${inputClass} w-48 font-mono`} value={f.property} onChange={(e) => update(f.key, { property: e.target.value })} />
                </td>
                <td className="px-3 py-3">
                  <input type="checkbox" aria-label={`${f.label} is required`} className="h-4 w-4 accent-brand-600" checked={f.required} onChange={(e) => update(f.key, { required: e.target.checked })} />
                </td>
                <td className="space-y-2 px-3 py-3 text-xs text-slate-600">
                  <FieldRuleInputs field={f} kind={kinds[f.key]} update={(patch) => update(f.key, patch)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

/** The rules a field of this kind can have: a minimum count, length or amount, and date or risk checks. */
function FieldRuleInputs({ field: f, kind, update }: { field: FieldRule; kind: Kind; update: (patch: Partial<FieldRule>) => void }) {
  return (
    <>
      {(kind === "list" || kind === "milestones" || kind === "risks") && (
        <label className="flex items-center gap-2">
          At least
          <input type="number" min={0} max={50} aria-label={`Minimum entries for ${f.label}`} className={numberInput} value={f.minItems} onChange={(e) => update({ minItems: Number(e.target.value) })} />
          entries
        </label>
      )}
      {kind === "text" && (
        <label className="flex items-center gap-2">
          At least
          <input type="number" min={0} aria-label={`Minimum length for ${f.label}`} className={numberInput} value={f.minLength} onChange={(e) => update({ minLength: Number(e.target.value) })} />
          characters
        </label>
      )}
      {kind === "amount" && (
        <label className="flex items-center gap-2">
          At least
          <input type="number" min={0} aria-label={`Minimum amount for ${f.label}`} className={numberInput} value={f.minAmount} onChange={(e) => update({ minAmount: Number(e.target.value) })} />
        </label>
      )}
      {(kind === "date" || kind === "milestones") && (
        <label className="flex items-center gap-2">
          <input type="checkbox" className="accent-brand-600" checked={f.notInPast} onChange={(e) => update({ notInPast: e.target.checked })} />
          Dates may not be in the past
        </label>
      )}
      {kind === "risks" && (
        <label className="flex items-center gap-2">
          <input type="checkbox" className="accent-brand-600" checked={f.requireOwnerAndMitigation} onChange={(e) => update({ requireOwnerAndMitigation: e.target.checked })} />
          Each risk needs an owner and a mitigation
        </label>
      )}
    </>
  );
}

function ClosedWonStagesCard({ stages, onChange }: { stages: string; onChange: (stages: string) => void }) {
  return (
    <Card aria-labelledby="stages-heading">
      <CardHeader id="stages-heading" title="Closed-won stages" description="Which deal stages start an intake, per pipeline." />
      <div className="px-5 py-4">
        <Field label="Pipelines and stages" hint="One pipeline per line: pipeline-id: stage-id, stage-id">
          {(p) => <textarea {...p} rows={3} className={`${inputClass} font-mono`} value={stages} onChange={(e) => onChange(e.target.value)} />}
        </Field>
      </div>
    </Card>
  );
}

function MaterialityCard({
  amountThreshold,
  onAmountThresholdChange,
  severityThreshold,
  onSeverityThresholdChange,
}: {
  amountThreshold: string;
  onAmountThresholdChange: (value: string) => void;
  severityThreshold: Severity;
  onSeverityThresholdChange: (value: Severity) => void;
}) {
  return (
    <Card aria-labelledby="materiality-heading">
      <CardHeader id="materiality-heading" title="Materiality threshold" description="Overrides at or above it need a second, different approver." />
      <div className="grid grid-cols-2 gap-4 px-5 py-4">
        <Field label="Deal amount">
          {(p) => <input {...p} type="number" min={0} className={inputClass} value={amountThreshold} onChange={(e) => onAmountThresholdChange(e.target.value)} />}
        </Field>
        <Field label="Risk severity">
          {(p) => (
            <select {...p} className={inputClass} value={severityThreshold} onChange={(e) => onSeverityThresholdChange(e.target.value as Severity)}>
              <option value="LOW">Low</option>
              <option value="MEDIUM">Medium</option>
              <option value="HIGH">High</option>
              <option value="CRITICAL">Critical</option>
            </select>
          )}
        </Field>
      </div>
    </Card>
  );
}

/** The note that goes with the new version, the save button, and what saving did. */
function SaveCard({
  note,
  onNoteChange,
  pending,
  error,
  saved,
}: {
  note: string;
  onNoteChange: (note: string) => void;
  pending: boolean;
  error: PostError | null;
  saved: SavedVersion | null;
}) {
  return (
    <Card>
      <div className="flex flex-wrap items-end gap-4 px-5 py-4">
        <div className="min-w-72 flex-1">
          <Field label="What changed and why" hint="Required; kept with the version in the audit trail." error={error?.fieldErrors?.note?.[0]}>
            {(p) => <input {...p} className={inputClass} value={note} onChange={(e) => onNoteChange(e.target.value)} />}
          </Field>
        </div>
        <Button type="submit" pending={pending}>
          Save as new version
        </Button>
      </div>
      {(error || saved) && (
        <div className="px-5 pb-4">
          {error && <Alert>{error.message}</Alert>}
          {saved &&
            (saved.status === "ACTIVE" ? (
              <Alert tone="success">Saved as version {saved.version}. New and re-validated deals use it from now on.</Alert>
            ) : (
              <Alert tone="warning" title={`Saved as version ${saved.version}, waiting for a PS leader's approval`}>
                It relaxes a control: {saved.relaxations.map((r) => r.replace(/\.$/, "")).join("; ")}. So it applies only once a PS leader other than you approves it. Until then the version in force stays in
                force.
              </Alert>
            ))}
        </div>
      )}
    </Card>
  );
}
