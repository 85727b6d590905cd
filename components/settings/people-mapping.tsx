"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { usePost } from "@/components/ui/use-post";
import { ROLE_LABEL, type Role } from "@/lib/auth/roles";

interface Person {
  id: string;
  name: string;
  email: string;
  role: Role;
  clickupUserId: string | null;
  slackUserId: string | null;
  slackTeamId: string | null;
  /** A link the person asked for and has not yet confirmed in Slack. */
  slackPending: { slackUserId: string } | null;
  /** Sign-in locked after repeated failures. */
  locked?: boolean;
}

export interface MatchResult {
  clickup: number;
  notConnected: string[];
  unmatched: string[];
  slackNotLinked: number;
}

function UnlockButton({ person }: { person: Person }) {
  const { post, pending, error } = usePost();
  return (
    <span className="mt-1 inline-flex flex-wrap items-center gap-2">
      <Button size="sm" variant="secondary" pending={pending} onClick={() => post(`/api/people/${person.id}/unlock`, {})}>
        Unlock sign-in<span className="sr-only"> for {person.name}</span>
      </Button>
      {error && <span className="text-xs text-red-700">{error.message}</span>}
    </span>
  );
}

/**
 * Where a person's Slack link stands. RevOps and admins may unlink it (or withdraw a pending
 * request), never link it: each person links their own, confirmed in Slack.
 */
function SlackCell({ person }: { person: Person }) {
  const { post, pending, error } = usePost();
  const [confirming, setConfirming] = useState(false);
  const revoke = async () => {
    if (await post(`/api/people/${person.id}/identities`, { slackUserId: null })) setConfirming(false);
  };

  if (!person.slackUserId && !person.slackPending) return <p className="text-slate-600">Not linked — they link it from their Account page</p>;
  return (
    <div className="space-y-1">
      {person.slackUserId ? (
        <p className="text-slate-900">
          {person.slackUserId}
          {person.slackTeamId && <span className="text-xs text-slate-600"> · {person.slackTeamId}</span>}
        </p>
      ) : (
        <p className="text-slate-600">Waiting for their confirmation in Slack ({person.slackPending!.slackUserId})</p>
      )}
      {confirming ? (
        <div className="space-y-1">
          <p className="text-xs text-slate-700">
            {person.slackUserId ? `Unlink ${person.name}'s Slack? Their Slack clicks stop counting as them until they link it again.` : `Withdraw ${person.name}'s request?`}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button size="sm" variant="danger" pending={pending} onClick={revoke}>
              {person.slackUserId ? "Yes, unlink" : "Yes, withdraw"}
              <span className="sr-only"> {person.name}&apos;s Slack</span>
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setConfirming(false)}>
              Keep<span className="sr-only"> {person.name}&apos;s Slack</span>
            </Button>
          </div>
        </div>
      ) : (
        <Button size="sm" variant="secondary" onClick={() => setConfirming(true)}>
          {person.slackUserId ? "Unlink" : "Withdraw request"}
          <span className="sr-only"> {person.name}&apos;s Slack</span>
        </Button>
      )}
      {error && <p className="text-xs text-red-700">{error.message}</p>}
    </div>
  );
}

function PersonRow({ person, members, mayUnlock }: { person: Person; members: { id: string; name: string; email: string }[] | null; mayUnlock: boolean }) {
  const { post, pending, error } = usePost();
  const [clickup, setClickup] = useState(person.clickupUserId ?? "");
  const [saved, setSaved] = useState(false);
  const dirty = clickup !== (person.clickupUserId ?? "");
  const clickupId = `clickup-${person.id}`;

  return (
    <tr className="align-top">
      <td className="px-5 py-3">
        <p className="font-medium text-slate-900">{person.name}</p>
        <p className="text-xs text-slate-600">
          {person.email} · {ROLE_LABEL[person.role]}
        </p>
        {person.locked && (
          <p className="mt-1 text-xs font-medium text-red-700">
            Sign-in locked after repeated failures{mayUnlock ? "" : " (an admin can unlock it)"}
          </p>
        )}
        {person.locked && mayUnlock && <UnlockButton person={person} />}
      </td>
      <td className="px-3 py-3">
        <label htmlFor={clickupId} className="sr-only">
          ClickUp member for {person.name}
        </label>
        <div className="flex items-start gap-2">
          <div className="min-w-0 flex-1">
            {members ? (
              <select id={clickupId} className={inputClass} value={clickup} onChange={(e) => { setClickup(e.target.value); setSaved(false); }}>
                <option value="">Not linked</option>
                {members.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name} ({m.email || m.id})
                  </option>
                ))}
              </select>
            ) : (
              <input id={clickupId} className={inputClass} inputMode="numeric" placeholder="Member id" value={clickup} onChange={(e) => { setClickup(e.target.value); setSaved(false); }} />
            )}
          </div>
          <Button
            size="sm"
            variant="secondary"
            disabled={!dirty}
            pending={pending}
            onClick={async () => {
              if (await post(`/api/people/${person.id}/identities`, { clickupUserId: clickup })) setSaved(true);
            }}
          >
            Save<span className="sr-only"> ClickUp member for {person.name}</span>
          </Button>
        </div>
        {saved && !dirty && (
          <p className="mt-1 text-xs text-emerald-700" role="status">
            Saved
          </p>
        )}
        {error && <p className="mt-1 text-xs text-red-700">{error.message}</p>}
      </td>
      <td className="px-3 py-3">
        <SlackCell person={person} />
      </td>
    </tr>
  );
}

/** What "Match by email" did, in a sentence. */
function matchSummary(r: MatchResult): string {
  const parts: string[] = [];
  if (r.notConnected.length === 0) {
    if (r.clickup > 0) parts.push(`Linked ${r.clickup} ClickUp member${r.clickup === 1 ? "" : "s"} by email.`);
    else parts.push(r.unmatched.length ? "No new ClickUp links: nobody else's email is in ClickUp's directory." : "Everyone is already linked to ClickUp; nothing to match.");
    if (r.unmatched.length) parts.push(`Not found in ClickUp by email: ${r.unmatched.join(", ")} — pick their member below.`);
  } else {
    parts.push(`${r.notConnected.join(" and ")} ${r.notConnected.length === 1 ? "is" : "are"} not connected.`);
  }
  parts.push(
    r.slackNotLinked === 0
      ? "Everyone has linked their Slack account."
      : `${r.slackNotLinked} ${r.slackNotLinked === 1 ? "person has" : "people have"} no Slack link: each links their own from their Account page and confirms it in Slack.`,
  );
  return parts.join(" ");
}

export function PeopleMapping({ people, members, mayUnlock = false }: { people: Person[]; members: { id: string; name: string; email: string }[] | null; mayUnlock?: boolean }) {
  const { post, pending, error } = usePost();
  const [result, setResult] = useState<string | null>(null);
  const unlinked = people.filter((p) => !p.clickupUserId || !p.slackUserId).length;

  return (
    <Card aria-labelledby="people-heading">
      <CardHeader
        id="people-heading"
        title="ClickUp and Slack accounts"
        description={unlinked ? `${unlinked} of ${people.length} people are not fully linked.` : "Everyone is linked."}
        actions={
          <Button
            size="sm"
            pending={pending}
            onClick={async () => {
              const r = await post<MatchResult>("/api/people/match", {});
              if (r) setResult(matchSummary(r));
            }}
          >
            Match by email
          </Button>
        }
      />
      {result && (
        <p role="status" className="border-b border-slate-100 bg-emerald-50 px-5 py-2 text-sm text-emerald-800">
          {result}
        </p>
      )}
      {error && (
        <div className="px-5 pt-3">
          <Alert>{error.message}</Alert>
        </div>
      )}
      {members === null && (
        <p className="border-b border-slate-100 bg-amber-50 px-5 py-2 text-sm text-amber-900">ClickUp is not connected, so its members cannot be listed: enter member ids by hand, or connect ClickUp on the Connections page.</p>
      )}
      <p className="border-b border-slate-100 px-5 py-2 text-xs text-slate-600">
        A Slack account is linked only by its owner, from their Account page, and confirmed in Slack. Here you can unlink one, for instance when someone leaves or a link looks wrong.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-5 py-2">Person</th>
              <th scope="col" className="px-3 py-2">ClickUp member</th>
              <th scope="col" className="px-3 py-2">Slack account</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {people.map((p) => (
              // Keyed by the links too: after a match or a save the row starts again from what is stored.
              <PersonRow key={`${p.id}:${p.clickupUserId ?? ""}:${p.slackUserId ?? ""}:${p.slackPending?.slackUserId ?? ""}`} person={p} members={members} mayUnlock={mayUnlock} />
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
