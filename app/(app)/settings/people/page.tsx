import type { Metadata } from "next";
import { PeopleMapping } from "@/components/settings/people-mapping";
import { can } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { lockedAccounts } from "@/lib/auth/throttle";
import { clickupMembers, listPeople } from "@/lib/delivery/identities";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage() {
  const actor = await requirePageActor("people:manage");
  const [people, members, locked] = await Promise.all([listPeople(), clickupMembers(), lockedAccounts()]);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">People</h1>
        <p className="mt-1 text-sm text-slate-500">
          Who each person is in ClickUp and Slack. Task owners become ClickUp assignees; a Slack click counts only when it comes from a Slack account its owner linked and confirmed.
        </p>
      </div>
      <PeopleMapping
        people={people.map(({ slackLinkRequests, ...p }) => ({ ...p, slackPending: slackLinkRequests[0] ? { slackUserId: slackLinkRequests[0].slackUserId } : null, locked: locked.has(p.email.toLowerCase()) }))}
        members={members}
        mayUnlock={can(actor.role, "users:manage")}
      />
    </div>
  );
}
