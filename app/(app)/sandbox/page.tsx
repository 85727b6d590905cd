import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClickUpSandbox } from "@/components/sandbox/clickup-sandbox";
import { NotionSandbox } from "@/components/sandbox/notion-sandbox";
import { SandboxPanel } from "@/components/sandbox/sandbox-panel";
import { SlackSandbox } from "@/components/sandbox/slack-sandbox";
import { cx } from "@/components/ui/cx";
import { requirePageActor } from "@/lib/auth/session";
import { can, type Actor } from "@/lib/auth/roles";
import { currentIntakePolicy } from "@/lib/intake/policy-store";
import { handoffsByDeal, sandboxEnabled, sandboxState } from "@/lib/sandbox/hubspot";
import {
  clickupSandboxLists,
  notionSandboxPages,
  slackSandboxDirectMessages,
  slackSandboxMessages,
  slackSandboxReplies,
  slackSandboxUsers,
  toolSandboxes,
} from "@/lib/sandbox/tools";

export const metadata: Metadata = { title: "Sandbox" };

const TOOLS = {
  hubspot: { label: "HubSpot", about: "Change a deal here as a salesperson would in HubSpot; it sends signed webhooks to this app, which runs the intake." },
  clickup: { label: "ClickUp", about: "The delivery lists and tasks the app created from the task template, with assignees and dependency gates." },
  notion: { label: "Notion", about: "The implementation briefs the app published, with their properties and append-only decision logs." },
  slack: {
    label: "Slack",
    about: "The acknowledgement requests and digests the app posted, and the direct message that asks you to confirm your Slack link. Click a button as your Slack user: Slack sends the app a signed request.",
  },
} as const;
type Tool = keyof typeof TOOLS;

export default async function SandboxPage({ searchParams }: { searchParams: Promise<{ tool?: string }> }) {
  const actor = await requirePageActor("sandbox:use");
  // Each tab exists only while its stand-in runs: real HubSpot with local delivery tools, say.
  const available: Tool[] = [...(sandboxEnabled() ? (["hubspot"] as const) : []), ...toolSandboxes()];
  if (available.length === 0) notFound();
  const requested = (await searchParams).tool as Tool | undefined;
  const tool: Tool = requested && available.includes(requested) ? requested : available[0];

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Sandbox</h1>
        <p className="mt-1 text-sm text-slate-500">Local stand-ins for the tools the app works with, for the demo. {TOOLS[tool].about}</p>
      </div>
      <nav aria-label="Sandbox tools" className="flex gap-1 border-b border-slate-200">
        {available.map((t) => (
          <Link
            key={t}
            href={`/sandbox?tool=${t}`}
            aria-current={t === tool ? "page" : undefined}
            className={cx("-mb-px border-b-2 px-4 py-2 text-sm font-medium", t === tool ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900")}
          >
            {TOOLS[t].label}
          </Link>
        ))}
      </nav>
      {tool === "hubspot" && <HubSpotTab canEdit={actor.role !== "VIEWER"} canControlWebhooks={can(actor.role, "policy:edit")} />}
      {tool === "clickup" && <ClickUpSandbox lists={await clickupSandboxLists()} />}
      {tool === "notion" && <NotionSandbox pages={await notionSandboxPages()} />}
      {tool === "slack" && <SlackTab actor={actor} />}
    </div>
  );
}

async function HubSpotTab({ canEdit, canControlWebhooks }: { canEdit: boolean; canControlWebhooks: boolean }) {
  const [state, { policy }] = await Promise.all([sandboxState(), currentIntakePolicy()]);
  const handoffs = await handoffsByDeal(state.deals.map((d) => d.id));
  return (
    <SandboxPanel
      deals={state.deals.map((d) => ({ ...d, handoff: handoffs.get(d.id) ?? null }))}
      tasks={state.tasks}
      webhooksDropped={state.webhooksDropped}
      fields={policy.fields.map((f) => ({ key: f.key, label: f.label, property: f.property }))}
      canEdit={canEdit}
      canControlWebhooks={canControlWebhooks}
    />
  );
}

async function SlackTab({ actor }: { actor: Actor }) {
  const [messages, direct, { slackUserId, replies }, users] = await Promise.all([slackSandboxMessages(), slackSandboxDirectMessages(actor), slackSandboxReplies(actor), slackSandboxUsers()]);
  return <SlackSandbox messages={messages} direct={direct} replies={replies} viewer={slackUserId} users={users} canClick={actor.role !== "VIEWER"} />;
}
