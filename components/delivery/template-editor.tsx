"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { usePost } from "@/components/ui/use-post";
import type { TaskTemplate } from "@/lib/delivery/template";

type Owner = TaskTemplate["commitmentOwner"];
type Row = TaskTemplate["tasks"][number] & { dependsOnText: string };

const toRows = (t: TaskTemplate): Row[] => t.tasks.map((task) => ({ ...task, dependsOnText: task.dependsOn.join(", ") }));

/** Edits the standard tasks and who owns the generated ones; saving makes a new version. */
export function TemplateEditor({ template, version, owners, allGates }: { template: TaskTemplate; version: number; owners: Record<Owner, string>; allGates: string }) {
  const { post, pending, error } = usePost();
  const [listName, setListName] = useState(template.listName);
  const [rows, setRows] = useState<Row[]>(toRows(template));
  const [generated, setGenerated] = useState({ commitmentOwner: template.commitmentOwner, milestoneOwner: template.milestoneOwner, gateOwner: template.gateOwner });
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState<number | null>(null);

  const update = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const ownerOptions = (Object.keys(owners) as Owner[]).map((o) => (
    <option key={o} value={o}>
      {owners[o]}
    </option>
  ));

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const tasks = rows.map(({ dependsOnText, ...r }) => ({ ...r, dependsOn: dependsOnText.split(",").map((s) => s.trim()).filter(Boolean) }));
    const result = await post<{ version: number }>("/api/delivery/template", { template: { listName, tasks, ...generated }, note });
    if (result) {
      setSaved(result.version);
      setNote("");
    }
  }

  return (
    <form onSubmit={save} className="space-y-6">
      <Card aria-labelledby="template-heading">
        <CardHeader id="template-heading" title={`Version ${version}${version === 0 ? " (built-in default)" : ""}`} description={`Due dates count from the kickoff date. “Waits on” takes task keys, or ${allGates} for every client-dependency gate.`} />
        <div className="grid gap-4 px-5 py-4 sm:grid-cols-4">
          <Field label="List name">{(p) => <input {...p} className={inputClass} value={listName} onChange={(e) => setListName(e.target.value)} required minLength={3} />}</Field>
          <Field label="Commitment tasks owned by">{(p) => <select {...p} className={inputClass} value={generated.commitmentOwner} onChange={(e) => setGenerated({ ...generated, commitmentOwner: e.target.value as Owner })}>{ownerOptions}</select>}</Field>
          <Field label="Milestone tasks owned by">{(p) => <select {...p} className={inputClass} value={generated.milestoneOwner} onChange={(e) => setGenerated({ ...generated, milestoneOwner: e.target.value as Owner })}>{ownerOptions}</select>}</Field>
          <Field label="Dependency gates owned by">{(p) => <select {...p} className={inputClass} value={generated.gateOwner} onChange={(e) => setGenerated({ ...generated, gateOwner: e.target.value as Owner })}>{ownerOptions}</select>}</Field>
        </div>
        <div className="relative overflow-x-auto border-t border-slate-100">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">Key</th>
                <th scope="col" className="px-3 py-2">Task</th>
                <th scope="col" className="px-3 py-2">Owner</th>
                <th scope="col" className="px-3 py-2">Due (days from kickoff)</th>
                <th scope="col" className="px-3 py-2">Waits on</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">Remove</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r, i) => (
                <tr key={i}>
                  <td className="px-3 py-2"><input aria-label={`Key of task ${i + 1}`} className={inputClass} value={r.key} onChange={(e) => update(i, { key: e.target.value })} required /></td>
                  <td className="px-3 py-2"><input aria-label={`Name of task ${i + 1}`} className={inputClass} value={r.name} onChange={(e) => update(i, { name: e.target.value })} required /></td>
                  <td className="px-3 py-2"><select aria-label={`Owner of task ${i + 1}`} className={inputClass} value={r.owner} onChange={(e) => update(i, { owner: e.target.value as Owner })}>{ownerOptions}</select></td>
                  <td className="px-3 py-2"><input aria-label={`Due offset of task ${i + 1}`} type="number" className={inputClass} value={r.dueOffsetDays} onChange={(e) => update(i, { dueOffsetDays: Number(e.target.value) })} /></td>
                  <td className="px-3 py-2"><input aria-label={`Task ${i + 1} waits on`} className={inputClass} value={r.dependsOnText} onChange={(e) => update(i, { dependsOnText: e.target.value })} /></td>
                  <td className="px-3 py-2">
                    <Button type="button" size="sm" variant="ghost" onClick={() => setRows(rows.filter((_, j) => j !== i))} disabled={rows.length === 1}>
                      Remove<span className="sr-only"> task {i + 1}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="px-5 py-3">
          <Button type="button" size="sm" variant="secondary" onClick={() => setRows([...rows, { key: `task-${rows.length + 1}`, name: "", description: "", owner: "projectManager", dueOffsetDays: 0, dependsOn: [], dependsOnText: "" }])}>
            Add a task
          </Button>
        </div>
      </Card>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-72 flex-1">
          <Field label="What changed and why" error={error?.fieldErrors?.note?.[0]}>
            {(p) => <input {...p} className={inputClass} value={note} onChange={(e) => setNote(e.target.value)} required minLength={3} />}
          </Field>
        </div>
        <Button type="submit" pending={pending}>Save as a new version</Button>
      </div>
      {error && !error.fieldErrors && <Alert>{error.message}</Alert>}
      {saved !== null && <Alert tone="success">Saved as version {saved}. New and re-synced delivery lists use it.</Alert>}
    </form>
  );
}
