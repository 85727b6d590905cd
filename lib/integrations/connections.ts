import { z } from "zod";
import { db } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { recordAudit } from "../audit/record.ts";
import { encryptSecret, maskSecret } from "../crypto/secrets.ts";
import { env } from "../env.ts";
import { forbidden, invalid, parseInput } from "../errors.ts";
import { classifyFailure } from "../sync/errors.ts";
import { createClickUpClient } from "./clickup/client.ts";
import { recordCheck, type CheckItem, type CheckResult } from "./connection-check.ts";
import { createNotionClient } from "./notion/client.ts";
import { VENDORS, vendorSettings, type DeliveryVendor, type VendorSettings } from "./settings.ts";
import { createSlackClient } from "./slack/client.ts";

/**
 * The ClickUp, Notion and Slack connections: save a token (encrypted at rest, never sent
 * back) with its configuration, and check that it works and can do what the handoff
 * steps need, each check saying exactly what is missing.
 */

export function parseVendor(value: string): DeliveryVendor {
  const vendor = value.toUpperCase();
  if (vendor !== "CLICKUP" && vendor !== "NOTION" && vendor !== "SLACK") throw invalid(`Unknown tool “${value}”.`);
  return vendor;
}

function assertMayManage(actor: Actor) {
  if (!can(actor.role, "connections:manage")) throw forbidden("Only admins and RevOps can manage connections.");
}

export interface VendorConnectionStatus {
  vendor: DeliveryVendor;
  name: string;
  configured: boolean;
  source: "connection" | "environment" | null;
  tokenHint: string | null;
  config: Record<string, string>;
  lastCheckedAt: string | null;
  lastCheckOk: boolean | null;
  lastCheckError: string | null;
}

export async function vendorConnectionStatus(vendor: DeliveryVendor): Promise<VendorConnectionStatus> {
  const [settings, row] = await Promise.all([vendorSettings(vendor), db().connection.findUnique({ where: { vendor } })]);
  return {
    vendor,
    name: VENDORS[vendor].name,
    configured: Boolean(settings),
    source: settings?.source ?? null,
    tokenHint: settings ? maskSecret(settings.token) : null,
    config: settings?.config ?? {},
    lastCheckedAt: row?.lastCheckedAt?.toISOString() ?? null,
    lastCheckOk: row?.lastCheckOk ?? null,
    lastCheckError: row?.lastCheckError ?? null,
  };
}

export async function saveVendorConnection(actor: Actor, vendor: DeliveryVendor, input: unknown) {
  assertMayManage(actor);
  const descriptor = VENDORS[vendor];
  const schema = z.object({
    token: z.string().trim().regex(descriptor.tokenPattern, `That does not look like a ${descriptor.name} ${descriptor.tokenLabel.toLowerCase()}. ${descriptor.tokenHelp}`),
    ...Object.fromEntries(descriptor.fields.map((f) => [f.key, f.required ? f.schema : f.schema.optional().or(z.literal("").transform(() => undefined))])),
  });
  const { token, ...rest } = parseInput(schema, input) as Record<string, string | undefined> & { token: string };
  const config = Object.fromEntries(Object.entries(rest).filter((pair): pair is [string, string] => typeof pair[1] === "string"));
  const encryptedSecret = encryptSecret(token, env().ENCRYPTION_KEY);
  await db().$transaction(async (tx) => {
    await tx.connection.upsert({
      where: { vendor },
      create: { vendor, authType: "token", encryptedSecret, config, scopes: [] },
      update: { encryptedSecret, config, scopes: [], lastCheckedAt: null, lastCheckOk: null, lastCheckError: null },
    });
    await recordAudit(tx, { actor, action: "connection.saved", entityType: "Connection", entityId: vendor, data: { tokenHint: maskSecret(token), ...config } });
  });
}

export async function removeVendorConnection(actor: Actor, vendor: DeliveryVendor) {
  assertMayManage(actor);
  await db().$transaction(async (tx) => {
    await tx.connection.deleteMany({ where: { vendor } });
    await recordAudit(tx, { actor, action: "connection.removed", entityType: "Connection", entityId: vendor, data: {} });
  });
}

/** Runs one check, turning a vendor error into a sentence instead of a crash. */
async function step(label: string, run: () => Promise<string>): Promise<CheckItem> {
  try {
    return { label, ok: true, detail: await run() };
  } catch (error) {
    const failure = classifyFailure(error);
    return { label, ok: false, detail: failure.message };
  }
}

export const SLACK_SCOPES = [
  { scope: "chat:write", why: "post and update the digest and acknowledgement messages" },
  { scope: "channels:history", why: "find a message again after a lost answer" },
  { scope: "users:read", why: "name people in messages" },
  { scope: "users:read.email", why: "match people to Slack accounts by email" },
] as const;

const NOTION_PROPERTIES = { Name: "title", "Handoff ID": "rich_text", Customer: "rich_text", Owner: "rich_text", Status: "select", "Kickoff date": "date", "Handoff link": "url" } as const;

async function clickupChecks(settings: VendorSettings): Promise<CheckItem[]> {
  const client = createClickUpClient(settings);
  const user = await step("The token works", async () => `Signed in as ${(await client.authorizedUser()).username ?? "a ClickUp user"}.`);
  if (!user.ok) return [user];
  return [
    user,
    await step("The workspace is reachable", async () => {
      const team = (await client.teams()).find((t) => t.id === settings.config.teamId);
      if (!team) throw new Error(`The token cannot see workspace ${settings.config.teamId}.`);
      return `${team.name}, ${team.members.length} members.`;
    }),
    await step("The space for delivery lists is reachable", async () => `Space “${(await client.space(settings.config.spaceId)).name}”.`),
  ];
}

async function notionChecks(settings: VendorSettings): Promise<CheckItem[]> {
  const client = createNotionClient(settings);
  const me = await step("The integration secret works", async () => {
    const bot = z.looseObject({ name: z.string().nullable().optional() }).parse(await client.users.me({}));
    return `Integration “${bot.name ?? "unnamed"}”.`;
  });
  if (!me.ok) return [me];
  return [
    me,
    await step("The briefs data source is shared with the integration and has the right properties", async () => {
      const ds = z.looseObject({ properties: z.record(z.string(), z.looseObject({ type: z.string() })) }).parse(await client.dataSources.retrieve({ data_source_id: settings.config.dataSourceId }));
      const wrong = Object.entries(NOTION_PROPERTIES).filter(([name, type]) => ds.properties[name]?.type !== type);
      if (wrong.length) throw new Error(`Missing or mistyped properties: ${wrong.map(([n, t]) => `${n} (${t})`).join(", ")}.`);
      return "All seven properties are there.";
    }),
  ];
}

async function slackChecks(settings: VendorSettings): Promise<CheckItem[]> {
  const client = createSlackClient(settings);
  let granted: string[] = [];
  const auth = await step("The bot token works", async () => {
    const result = await client.auth.test();
    granted = result.response_metadata?.scopes ?? [];
    return `Bot ${result.user ?? ""} in ${result.team ?? "the workspace"}.`;
  });
  if (!auth.ok) return [auth];
  const scopes = SLACK_SCOPES.map((s) => ({ label: `Scope ${s.scope}`, ok: granted.includes(s.scope), detail: granted.includes(s.scope) ? `Granted: ${s.why}.` : `Missing: needed to ${s.why}.` }));
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
  return [auth, ...scopes, channel, signing];
}

export type { CheckItem, CheckResult };

/** Runs the tool's checks and records the outcome, whether the token was saved here or set in the environment. */
export async function checkVendorConnection(actor: Actor, vendor: DeliveryVendor): Promise<CheckResult> {
  assertMayManage(actor);
  const descriptor = VENDORS[vendor];
  const settings = await vendorSettings(vendor);
  if (!settings) throw invalid(`${descriptor.name} is not connected yet: save a token first.`);
  const missing = descriptor.fields.filter((f) => f.required && !settings.config[f.key]);
  if (missing.length) throw invalid(`Fill in ${missing.map((f) => f.label).join(", ")} first.`);
  const checks = vendor === "CLICKUP" ? await clickupChecks(settings) : vendor === "NOTION" ? await notionChecks(settings) : await slackChecks(settings);
  return recordCheck(vendor, checks);
}
