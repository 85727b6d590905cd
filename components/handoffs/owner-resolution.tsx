"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { usePost } from "@/components/ui/use-post";
import type { OwnerResolutionOptions } from "@/lib/delivery/owners";
import type { UnmappedOwner } from "@/lib/delivery/workspace-plan";

/**
 * The owners the delivery workspace cannot assign, named one by one where the gate waits for
 * them, with what the handoff's PM or a PS leader can do about each: link the person to a
 * ClickUp member, or give the items to someone else (one of ours, or a client contact).
 */
export function OwnerResolution({
  handoffId,
  unmapped,
  options,
  mayResolve,
  gateApproved = false,
}: {
  handoffId: string;
  unmapped: UnmappedOwner[];
  options: OwnerResolutionOptions | null;
  mayResolve: boolean;
  /** After the workspace gate: the gap is still worth closing, but no longer holds the gate. */
  gateApproved?: boolean;
}) {
  if (unmapped.length === 0) return null;
  return (
    <Card aria-labelledby="owners-heading">
      <CardHeader
        id="owners-heading"
        title={
          gateApproved
            ? `${unmapped.length} owner${unmapped.length === 1 ? "" : "s"} the ClickUp list cannot assign`
            : `${unmapped.length} owner${unmapped.length === 1 ? "" : "s"} to resolve before “Every task has an owner”`
        }
        description="Their tasks are in ClickUp without an assignee. Once each is resolved, the list syncs again and ClickUp's answer is recorded as the evidence."
      />
      <ul className="divide-y divide-slate-100">
        {unmapped.map((u) => (
          <li key={u.owner} className="space-y-3 px-5 py-4 text-sm">
            <div>
              <p className="font-medium text-slate-900">
                {u.owner} <span className="font-normal text-slate-700">— {u.reason}</span>
              </p>
              <p className="mt-1 text-slate-700">
                {u.tasks.length} task{u.tasks.length === 1 ? "" : "s"}: {u.tasks.join("; ")}
              </p>
            </div>
            {mayResolve && options ? (
              <div className="grid gap-4 lg:grid-cols-2">
                {u.kind === "not_linked" && u.userId && <LinkMember handoffId={handoffId} owner={u} members={options.members} />}
                {u.items.length > 0 && <ReassignItems handoffId={handoffId} owner={u} options={options} />}
                {u.kind === "no_assignee" && <p className="text-slate-700">Assign someone to this role under People on this page.</p>}
                {u.kind === "not_linked" && u.items.length === 0 && (
                  <p className="text-slate-700">These are standard tasks of {u.owner}&apos;s role: link a ClickUp member, or reassign the role under People.</p>
                )}
              </div>
            ) : (
              <p className="text-slate-700">The handoff&apos;s project manager or a PS leader can resolve this.</p>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function LinkMember({ handoffId, owner, members }: { handoffId: string; owner: UnmappedOwner; members: OwnerResolutionOptions["members"] }) {
  const { post, pending, error } = usePost();
  const [memberId, setMemberId] = useState("");
  const [done, setDone] = useState<string | null>(null);

  if (members === null) {
    return <Alert tone="warning">ClickUp cannot be reached to list its members right now. Try again shortly, or reassign the items.</Alert>;
  }

  async function link(e: React.FormEvent) {
    e.preventDefault();
    const result = await post<{ linked: string }>(`/api/handoffs/${handoffId}/owners`, { action: "link", userId: owner.userId, clickupUserId: memberId });
    if (result) setDone(`Linked to ${result.linked}. The list is syncing again.`);
  }

  return (
    <form onSubmit={link} className="space-y-2 rounded-md border border-slate-200 p-3">
      <Field label={`ClickUp member for ${owner.owner}`} hint="Picked from the ClickUp workspace's members." error={error?.message}>
        {(p) => (
          <select {...p} className={inputClass} value={memberId} onChange={(e) => setMemberId(e.target.value)} required>
            <option value="">Choose a member…</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
                {m.email ? ` (${m.email})` : ""}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Button type="submit" size="sm" pending={pending} disabled={!memberId}>
        Link to ClickUp member
      </Button>
      {done && (
        <p role="status" className="text-green-800">
          {done}
        </p>
      )}
    </form>
  );
}

function ReassignItems({ handoffId, owner, options }: { handoffId: string; owner: UnmappedOwner; options: OwnerResolutionOptions }) {
  const { post, pending, error } = usePost();
  const [target, setTarget] = useState("");
  const [done, setDone] = useState<string | null>(null);

  async function reassign(e: React.FormEvent) {
    e.preventDefault();
    const [kind, value] = target.split(":", 2) as ["person" | "client", string];
    const to = kind === "person" ? { kind, userId: value } : { kind, email: value };
    const result = await post<{ reassigned: number; to: string }>(`/api/handoffs/${handoffId}/owners`, { action: "reassign", items: owner.items, to });
    if (result) setDone(`Given to ${result.to}. The list is syncing again.`);
  }

  return (
    <form onSubmit={reassign} className="space-y-2 rounded-md border border-slate-200 p-3">
      <Field label={`Give ${owner.owner}'s ${owner.items.length === 1 ? "item" : `${owner.items.length} items`} to`} hint="One of our people, or a contact of the client on the CRM deal." error={error?.message}>
        {(p) => (
          <select {...p} className={inputClass} value={target} onChange={(e) => setTarget(e.target.value)} required>
            <option value="">Choose who takes over…</option>
            <optgroup label="Our people">
              {options.people.map((person) => (
                <option key={person.id} value={`person:${person.id}`}>
                  {person.name}
                  {person.linked ? "" : " (not linked to ClickUp)"}
                </option>
              ))}
            </optgroup>
            {options.contacts.length > 0 && (
              <optgroup label="Client contacts">
                {options.contacts.map((c) => (
                  <option key={c.email} value={`client:${c.email}`}>
                    {c.name} ({c.email})
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        )}
      </Field>
      <Button type="submit" size="sm" variant="secondary" pending={pending} disabled={!target}>
        Reassign
      </Button>
      {done && (
        <p role="status" className="text-green-800">
          {done}
        </p>
      )}
    </form>
  );
}
