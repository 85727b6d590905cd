import type { Metadata } from "next";
import { SlackLinkCard } from "@/components/account/slack-link";
import { SlackDirectMessages } from "@/components/sandbox/slack-sandbox";
import { Card, CardHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/session";
import { ROLE_LABEL } from "@/lib/auth/roles";
import { slackSandboxDirectMessages, slackSandboxUsers, toolSandboxes } from "@/lib/sandbox/tools";
import { toolSettings } from "@/lib/connections/settings";
import { mySlackLink } from "@/lib/delivery/slack-link";

export const metadata: Metadata = { title: "Account" };

/** Every signed-in person's own account: who they are here, and their Slack link, which only they make. */
export default async function AccountPage() {
  const actor = await requirePageActor();
  const [account, slack] = await Promise.all([mySlackLink(actor), toolSettings("SLACK")]);
  // In the demo the Slack stand-in plays Slack: the confirmation it received is shown here to answer.
  const demo = account.pending && toolSandboxes().includes("slack");
  const [direct, users] = demo ? await Promise.all([slackSandboxDirectMessages(actor), slackSandboxUsers()]) : [null, {}];

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Account</h1>
        <p className="mt-1 text-sm text-slate-500">Who you are in Handoff Control Center, and the Slack account your clicks in Slack count for.</p>
      </div>
      <Card aria-labelledby="account-heading">
        <CardHeader id="account-heading" title="You" />
        <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-4 gap-y-2 px-5 py-4 text-sm">
          <dt className="text-slate-600">Name</dt>
          <dd className="text-slate-900">{account.name}</dd>
          <dt className="text-slate-600">Email</dt>
          <dd className="break-all text-slate-900">{account.email}</dd>
          <dt className="text-slate-600">Role</dt>
          <dd className="text-slate-900">{ROLE_LABEL[account.role]}</dd>
        </dl>
      </Card>
      <SlackLinkCard
        view={{
          email: account.email,
          slackUserId: account.slackUserId,
          slackTeamId: account.slackTeamId,
          slackConnected: Boolean(slack),
          pending: account.pending ? { slackUserId: account.pending.slackUserId, expiresAt: account.pending.expiresAt.toISOString(), message: account.pending.message } : null,
        }}
      />
      {direct && (
        <Card className="px-5 py-4">
          <p className="mb-3 text-xs font-medium uppercase tracking-wide text-slate-500">Demo: the Slack stand-in</p>
          <SlackDirectMessages direct={direct} users={users} />
        </Card>
      )}
    </div>
  );
}
