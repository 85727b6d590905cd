import type { Metadata } from "next";
import { PeopleMapping } from "@/components/settings/people-mapping";
import { requirePageActor } from "@/lib/auth/session";
import { clickupMembers, listPeople } from "@/lib/integrations/identities";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage() {
  await requirePageActor("people:manage");
  const [people, members] = await Promise.all([listPeople(), clickupMembers()]);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">People</h1>
        <p className="mt-1 text-sm text-slate-500">
          Who each person is in ClickUp and Slack. Task owners become ClickUp assignees; a Slack click counts only when it comes from a linked account.
        </p>
      </div>
      <PeopleMapping people={people} members={members} />
    </div>
  );
}
