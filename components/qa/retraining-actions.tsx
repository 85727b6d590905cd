"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { formatDate } from "@/components/ui/format";
import { usePost } from "@/components/ui/use-post";

interface Action {
  id: string;
  pattern: string;
  description: string;
  owner: string | null;
  dueDate: string;
  status: string;
}

/** Retraining actions with owners and due dates: what the recurring failures are turned into. */
export function RetrainingActions({ actions, patterns, people, mayAdd }: { actions: Action[]; patterns: Record<string, string>; people: { id: string; name: string }[]; mayAdd: boolean }) {
  const { post, pending, error } = usePost();
  const [pattern, setPattern] = useState(Object.keys(patterns)[0]);
  const [description, setDescription] = useState("");
  const [ownerId, setOwnerId] = useState(people[0]?.id ?? "");
  const [dueDate, setDueDate] = useState("");
  return (
    <Card aria-labelledby="actions-heading">
      <CardHeader id="actions-heading" title="Retraining actions" description="Who fixes a recurring failure pattern, and by when." />
      {actions.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">No retraining actions yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {actions.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-2.5">
              <div>
                <p className="font-medium text-slate-800">{a.description}</p>
                <p className="text-xs text-slate-500">
                  {patterns[a.pattern] ?? a.pattern} · {a.owner ?? "no owner"} · due {formatDate(a.dueDate)}
                </p>
              </div>
              {a.status === "DONE" ? (
                <Badge tone="green">Done</Badge>
              ) : (
                <Button size="sm" variant="secondary" pending={pending} onClick={() => post(`/api/qa/actions/${a.id}/done`, {})}>
                  Mark done<span className="sr-only">: {a.description}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayAdd && (
        <form
          className="grid gap-3 border-t border-slate-100 px-5 py-4 sm:grid-cols-2"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await post("/api/qa/actions", { pattern, description, ownerId, dueDate })) setDescription("");
          }}
        >
          <Field label="Failure pattern">{(p) => <select {...p} className={inputClass} value={pattern} onChange={(e) => setPattern(e.target.value)}>{Object.entries(patterns).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select>}</Field>
          <Field label="Owner">{(p) => <select {...p} className={inputClass} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>{people.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select>}</Field>
          <Field label="Retraining" error={error?.fieldErrors?.description?.[0]}>{(p) => <input {...p} required minLength={3} className={inputClass} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
          <Field label="Due date" error={error?.fieldErrors?.dueDate?.[0]}>{(p) => <input {...p} type="date" required className={inputClass} value={dueDate} onChange={(e) => setDueDate(e.target.value)} />}</Field>
          {error && !error.fieldErrors && <div className="sm:col-span-2"><Alert>{error.message}</Alert></div>}
          <div><Button type="submit" variant="secondary" pending={pending}>Add action</Button></div>
        </form>
      )}
    </Card>
  );
}
