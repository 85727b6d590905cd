import { z } from "zod";
import type { Vendor } from "../db/generated/enums.ts";
import { env } from "../env.ts";
import { createHubSpotClient, tokenScopes } from "../integrations/hubspot/client.ts";
import { classifyFailure } from "../sync/errors.ts";
import { withRetry } from "../sync/retry.ts";
import { clickUpClientFor, hubspotClientConfig, notionClientFor, slackClientFor } from "./clients.ts";
import type { ToolSettings } from "./settings.ts";

/**
 * Each tool's pre-flight: does the token work, and can it do what the handoff steps need? Every
 * check is a line the Connections page shows, saying exactly what is missing.
 */

export interface CheckItem {
  label: string;
  ok: boolean;
  detail: string;
}

export interface ToolChecks {
  checks: CheckItem[];
  /** The scopes the token carries, where the tool says. */
  scopes?: string[];
  /** One sentence for the card's "Last check" line, when the failed checks' own would not do. */
  error?: string | null;
}

/** Runs one check, turning a vendor error into a sentence instead of a crash. */
async function step(label: string, run: () => Promise<string>): Promise<CheckItem> {
  try {
    return { label, ok: true, detail: await run() };
  } catch (error) {
    return { label, ok: false, detail: classifyFailure(error).message };
  }
}

const scopeLine = (s: { scope: string; why: string }, granted: string[]): CheckItem => ({
  label: `Scope ${s.scope}`,
  ok: granted.includes(s.scope),
  detail: granted.includes(s.scope) ? `Granted: ${s.why}.` : `Missing: needed to ${s.why}.`,
});

export const HUBSPOT_SCOPES = [
  { scope: "crm.objects.deals.read", why: "read closed-won deals" },
  { scope: "crm.objects.deals.write", why: "write the handoff status and tasks back to the deal" },
  { scope: "crm.objects.companies.read", why: "name the customer" },
  { scope: "crm.objects.contacts.read", why: "read the deal's contacts" },
  { scope: "crm.objects.owners.read", why: "map the deal owner to a salesperson" },
] as const;

async function hubspotChecks(settings: ToolSettings): Promise<ToolChecks> {
  const config = hubspotClientConfig(settings);
  let granted: string[] = [];
  let error: string | null = null;
  const recognised = (e: unknown) => ((e as { code?: number }).code === 401 || (e as { code?: number }).code === 404 ? "HubSpot does not recognise this token." : (e as Error).message.split("\n")[0]);
  try {
    granted = await tokenScopes(config);
  } catch (e) {
    error = recognised(e);
    return { checks: [{ label: "The token works", ok: false, detail: error }], scopes: [], error };
  }
  let deals: CheckItem = { label: "Deals can be read", ok: true, detail: "Read a page of deals." };
  try {
    await withRetry("HUBSPOT", () => createHubSpotClient(config).crm.deals.basicApi.getPage(1));
  } catch (e) {
    error = recognised(e);
    deals = { label: "Deals can be read", ok: false, detail: error };
  }
  const missing = HUBSPOT_SCOPES.filter((s) => !granted.includes(s.scope)).map((s) => s.scope);
  return {
    checks: [{ label: "The token works", ok: true, detail: "HubSpot recognises the token." }, deals, ...HUBSPOT_SCOPES.map((s) => scopeLine(s, granted))],
    scopes: granted,
    error: error ?? (missing.length ? `Missing scopes: ${missing.join(", ")}` : null),
  };
}

async function clickupChecks(settings: ToolSettings): Promise<ToolChecks> {
  const client = clickUpClientFor(settings);
  const user = await step("The token works", async () => `Signed in as ${(await client.authorizedUser()).username ?? "a ClickUp user"}.`);
  if (!user.ok) return { checks: [user] };
  const workspace = await step("The workspace is reachable", async () => {
    const team = (await client.teams()).find((t) => t.id === settings.config.teamId);
    if (!team) throw new Error(`The token cannot see workspace ${settings.config.teamId}.`);
    return `${team.name}, ${team.members.length} members.`;
  });
  const space = await step("The space for delivery lists is reachable", async () => `Space “${(await client.space(settings.config.spaceId)).name}”.`);
  return { checks: [user, workspace, space] };
}

const NOTION_PROPERTIES = { Name: "title", "Handoff ID": "rich_text", Customer: "rich_text", Owner: "rich_text", Status: "select", "Kickoff date": "date", "Handoff link": "url" } as const;

async function notionChecks(settings: ToolSettings): Promise<ToolChecks> {
  const client = notionClientFor(settings);
  const me = await step("The integration secret works", async () => {
    const bot = z.looseObject({ name: z.string().nullable().optional() }).parse(await client.users.me({}));
    return `Integration “${bot.name ?? "unnamed"}”.`;
  });
  if (!me.ok) return { checks: [me] };
  const dataSource = await step("The briefs data source is shared with the integration and has the right properties", async () => {
    const ds = z.looseObject({ properties: z.record(z.string(), z.looseObject({ type: z.string() })) }).parse(await client.dataSources.retrieve({ data_source_id: settings.config.dataSourceId }));
    const wrong = Object.entries(NOTION_PROPERTIES).filter(([name, type]) => ds.properties[name]?.type !== type);
    if (wrong.length) throw new Error(`Missing or mistyped properties: ${wrong.map(([n, t]) => `${n} (${t})`).join(", ")}.`);
    return "All seven properties are there.";
  });
  return { checks: [me, dataSource] };
}

export const SLACK_SCOPES = [
  { scope: "chat:write", why: "post and update the digest and acknowledgement messages" },
  { scope: "channels:history", why: "find a message again after a lost answer" },
  { scope: "users:read", why: "name people in messages" },
  { scope: "users:read.email", why: "match people to Slack accounts by email" },
] as const;

async function slackChecks(settings: ToolSettings): Promise<ToolChecks> {
  const client = slackClientFor(settings);
  let granted: string[] = [];
  const auth = await step("The bot token works", async () => {
    const result = await client.auth.test();
    granted = result.response_metadata?.scopes ?? [];
    return `Bot ${result.user ?? ""} in ${result.team ?? "the workspace"}.`;
  });
  if (!auth.ok) return { checks: [auth] };
  const channel = await step("The delivery channel exists and the bot is in it", async () => {
    const info = z
      .looseObject({ channel: z.looseObject({ name: z.string(), is_member: z.boolean().optional(), is_private: z.boolean().optional() }) })
      .parse(await client.conversations.info({ channel: settings.config.channelId }));
    const { name, is_member: member, is_private: isPrivate } = info.channel;
    if (member === false) throw new Error(`The bot is not in #${name}: invite it (/invite @the-bot) or Slack refuses its posts with not_in_channel.`);
    if (isPrivate && !granted.includes("groups:history")) throw new Error(`#${name} is private: grant groups:history too, to find a message again after a lost answer.`);
    return `#${name}${isPrivate ? " (private)" : ""}.`;
  });
  const signing: CheckItem = env().SLACK_SIGNING_SECRET
    ? { label: "Interactive clicks can be verified", ok: true, detail: "SLACK_SIGNING_SECRET is set." }
    : { label: "Interactive clicks can be verified", ok: false, detail: "Set SLACK_SIGNING_SECRET, or Slack clicks are refused." };
  return { checks: [auth, ...SLACK_SCOPES.map((s) => scopeLine(s, granted)), channel, signing] };
}

export const TOOL_CHECKS: Record<Vendor, (settings: ToolSettings) => Promise<ToolChecks>> = {
  HUBSPOT: hubspotChecks,
  CLICKUP: clickupChecks,
  NOTION: notionChecks,
  SLACK: slackChecks,
};
