import { z } from "zod";
import { db } from "../db/client.ts";
import type { Actor } from "../auth/roles.ts";
import { env } from "../env.ts";
import { forbidden, invalid } from "../errors.ts";

/**
 * The demo's window into the ClickUp, Notion and Slack stand-ins: what each received
 * (the delivery lists and tasks, the brief pages, the Slack messages), and the Slack
 * buttons, which a signed-in person clicks as their linked Slack user. Only exists when
 * the stand-ins run (the demo and the tests); against the real tools there is no sandbox.
 */

export type SandboxTool = "clickup" | "notion" | "slack";

function controlBase(tool: SandboxTool): string | undefined {
  const e = env();
  return { clickup: e.CLICKUP_SANDBOX_URL, notion: e.NOTION_SANDBOX_URL, slack: e.SLACK_SANDBOX_URL }[tool];
}

export function toolSandboxes(): SandboxTool[] {
  return (["clickup", "notion", "slack"] as const).filter((t) => controlBase(t));
}

async function control(tool: SandboxTool, path: string, init?: RequestInit): Promise<unknown> {
  const base = controlBase(tool);
  if (!base) throw forbidden("This sandbox is only available in the demo.");
  const response = await fetch(`${base.replace(/\/$/, "")}/__sandbox/${path}`, { ...init, headers: { "Content-Type": "application/json" }, signal: AbortSignal.timeout(10_000) });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw invalid((body as { error?: string } | null)?.error ?? `The sandbox answered ${response.status}.`);
  return body;
}

const taskSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.looseObject({ status: z.string() }),
  assignees: z.array(z.looseObject({ username: z.string().nullable().optional(), email: z.string().nullable().optional() })),
  tags: z.array(z.looseObject({ name: z.string() })).default([]),
  due_date: z.union([z.string(), z.number()]).nullable(),
  dependencies: z.looseObject({ waiting_on: z.array(z.string()), blocking: z.array(z.string()) }),
});
const listSchema = z.looseObject({ id: z.string(), name: z.string(), tasks: z.array(taskSchema) });
const workspaceSchema = z.looseObject({
  spaces: z.array(z.looseObject({ name: z.string(), folders: z.array(z.looseObject({ id: z.string(), name: z.string(), lists: z.array(listSchema) })) })),
});

export type SandboxList = z.infer<typeof listSchema> & { folder: string };

export async function clickupSandboxLists(): Promise<SandboxList[]> {
  const tree = workspaceSchema.parse(await control("clickup", "workspace"));
  return tree.spaces.flatMap((s) => s.folders.flatMap((f) => f.lists.map((l) => ({ ...l, folder: f.name })))).reverse();
}

export interface SandboxBlock {
  type: string;
  text: string;
  checked?: boolean;
  children?: SandboxBlock[];
}
const blockSchema: z.ZodType<SandboxBlock> = z.lazy(() =>
  z.object({ type: z.string(), text: z.string().default(""), checked: z.boolean().optional(), children: z.array(blockSchema).optional() }),
);
const pageSchema = z.looseObject({ id: z.string(), title: z.string(), properties: z.record(z.string(), z.unknown()), blocks: z.array(blockSchema), lastEditedTime: z.string().optional() });
export type SandboxPage = z.infer<typeof pageSchema>;

export async function notionSandboxPages(): Promise<SandboxPage[]> {
  const body = z.object({ pages: z.array(pageSchema) }).parse(await control("notion", "pages"));
  return body.pages.reverse();
}

const messageSchema = z.looseObject({
  channel: z.string(),
  ts: z.string(),
  text: z.string(),
  blocks: z.array(z.record(z.string(), z.unknown())).optional(),
  versions: z.array(z.unknown()),
});
export type SandboxMessage = z.infer<typeof messageSchema>;

export async function slackSandboxMessages(): Promise<SandboxMessage[]> {
  const body = z.object({ messages: z.array(messageSchema) }).parse(await control("slack", "messages"));
  return body.messages.reverse();
}

/**
 * The replies the app sent to this person's own clicks, as their linked Slack user sees them:
 * ephemeral messages are for the clicker only, so another person's never show here. Nobody
 * linked to Slack sees none.
 */
export async function slackSandboxReplies(actor: Actor): Promise<{ slackUserId: string | null; replies: { ts: string; text: string; receivedAt: string }[] }> {
  const me = await db().user.findUnique({ where: { id: actor.userId }, select: { slackUserId: true } });
  if (!me?.slackUserId) return { slackUserId: null, replies: [] };
  const body = z
    .object({ responses: z.array(z.looseObject({ ts: z.string(), user: z.string(), ephemeral: z.boolean(), body: z.unknown(), receivedAt: z.string() })) })
    .parse(await control("slack", `responses?user=${encodeURIComponent(me.slackUserId)}`));
  const replies = body.responses
    .filter((r) => r.user === me.slackUserId && r.ephemeral)
    .map((r) => ({ ts: r.ts, text: typeof r.body === "object" && r.body && "text" in r.body ? String(r.body.text) : String(r.body), receivedAt: r.receivedAt }))
    .reverse();
  return { slackUserId: me.slackUserId, replies };
}

export const clickInputSchema = z.object({
  channel: z.string().min(1),
  ts: z.string().min(1),
  actionId: z.string().min(1),
  value: z.string().max(500).optional(),
  inputs: z.record(z.string(), z.record(z.string(), z.string().max(3000))).optional(),
});

/** Clicks a Slack button as the signed-in person's linked Slack user, exactly as Slack would deliver it. */
export async function clickSlackButton(actor: Actor, input: unknown) {
  if (actor.role === "VIEWER") throw forbidden("Viewers look at the sandbox; they do not click in it.");
  const parsed = clickInputSchema.safeParse(input);
  if (!parsed.success) throw invalid("Say which message and button to click.");
  const me = await db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { slackUserId: true } });
  if (!me.slackUserId) throw forbidden("Your account is not linked to a Slack user; link it on the People page first.");
  const result = z
    .looseObject({ status: z.number(), error: z.string().optional() })
    .parse(await control("slack", "click", { method: "POST", body: JSON.stringify({ ...parsed.data, userId: me.slackUserId }) }));
  if (result.status !== 200) throw invalid(`The app answered Slack's click with ${result.status || "no answer"}${result.error ? `: ${result.error}` : ""}.`);
  return { ok: true };
}

/** Slack user ids to display names, for rendering mentions. */
export async function slackSandboxUsers(): Promise<Record<string, string>> {
  const body = z.object({ users: z.array(z.looseObject({ id: z.string(), realName: z.string() })) }).parse(await control("slack", "users"));
  return Object.fromEntries(body.users.map((u) => [u.id, u.realName]));
}
