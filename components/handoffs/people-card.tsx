"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { usePost } from "@/components/ui/use-post";
import type { HandoffDetail } from "@/lib/handoffs/detail";
import type { ReassignableRole } from "@/lib/handoffs/reassign";

const SLOT_LABEL: Record<ReassignableRole, string> = { projectManager: "project manager", deliveryLead: "delivery lead", psLeader: "PS leader" };

type Candidates = Record<ReassignableRole, { id: string; name: string; team: string | null }[]>;

/** Who holds each role on the handoff and whose move it is; PS leaders and RevOps can reassign. */
export function PeopleCard({ handoff, candidates }: { handoff: HandoffDetail; candidates: Candidates | null }) {
  const [editing, setEditing] = useState<ReassignableRole | null>(null);
  return (
    <Card aria-labelledby="people-heading">
      <CardHeader id="people-heading" title="People" />
      <dl className="space-y-3 px-5 py-4 text-sm">
        {handoff.people.map((p) => (
          <div key={p.role}>
            <dt className="text-xs text-slate-600">{p.role}</dt>
            <dd className="flex flex-wrap items-center justify-between gap-2 text-slate-800">
              <span>{p.person?.name ?? <span className="text-red-700">Unassigned</span>}</span>
              {candidates && p.slot && editing !== p.slot && (
                <Button size="sm" variant="ghost" onClick={() => setEditing(p.slot)}>
                  Reassign<span className="sr-only"> the {SLOT_LABEL[p.slot]}</span>
                </Button>
              )}
            </dd>
            {candidates && p.slot && editing === p.slot && (
              <ReassignForm
                handoffId={handoff.id}
                slot={p.slot}
                label={SLOT_LABEL[p.slot]}
                currentId={p.person?.id ?? null}
                options={candidates[p.slot]}
                onDone={() => setEditing(null)}
              />
            )}
          </div>
        ))}
        <div>
          <dt className="text-xs text-slate-600">Waiting on</dt>
          <dd className="font-medium text-slate-800">{handoff.waitingOn ? (handoff.waitingOn.isMe ? "You" : handoff.waitingOn.name) : "Nobody"}</dd>
        </div>
      </dl>
    </Card>
  );
}

function ReassignForm({
  handoffId,
  slot,
  label,
  currentId,
  options,
  onDone,
}: {
  handoffId: string;
  slot: ReassignableRole;
  label: string;
  currentId: string | null;
  options: { id: string; name: string; team: string | null }[];
  onDone: () => void;
}) {
  const { post, pending, error } = usePost();
  const [userId, setUserId] = useState(currentId ?? "");
  const selectId = `reassign-${slot}`;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (await post(`/api/handoffs/${handoffId}/assignment`, { role: slot, userId })) onDone();
  }

  return (
    <form onSubmit={submit} className="mt-2 space-y-2 rounded-md border border-slate-200 p-3">
      <label htmlFor={selectId} className="block text-xs font-medium text-slate-800">
        New {label}
      </label>
      <select id={selectId} className={inputClass} value={userId} onChange={(e) => setUserId(e.target.value)} required autoFocus>
        <option value="">Choose…</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
            {o.team ? ` · ${o.team}` : ""}
          </option>
        ))}
      </select>
      <div className="flex gap-2">
        <Button type="submit" size="sm" pending={pending} disabled={!userId || userId === currentId}>
          Save
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {error && <Alert>{error.message}</Alert>}
    </form>
  );
}
