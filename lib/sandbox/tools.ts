import { z } from "zod";
import { db } from "../db/client.ts";
import { can, type Actor } from "../auth/roles.ts";
import { IDENTITY_ACTION } from "../delivery/slack-messages.ts";
import { env } from "../env.ts";
import { forbidden, invalid } from "../errors.ts";

/**
 * The demo's window into the ClickUp, Notion and Slack stand-ins: what each received
 * (the delivery lists and tasks, the brief pages, the Slack messages), and the Slack
 * buttons, which a signed-in person clicks as their linked Slack user. A person asking to link
 * their Slack account sees the direct message that asks them to confirm, and answers it as the
 * Slack user it was sent to: the stand-in plays Slack for them, but only for the Slack user whose
 * email is theirs. Only exists when the stand-ins run (the demo and the tests); against the real
 * tools there is no sandbox.
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

/** The person's pending Slack link request, if any. */
async function pendingLinkRequest(actor: Actor) {
  return db().slackLinkRequest.findFirst({
    where: { userId: actor.userId, status: "PENDING", expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, slackUserId: true, user: { select: { email: true } } },
  });
}

/** Whether the stand-in's directory gives this Slack user the person's email: the only Slack user it plays for them. */
async function standInUserIsTheirs(slackUserId: string, email: string): Promise<boolean> {
  const body = z.object({ users: z.array(z.looseObject({ id: z.string(), email: z.string().default("") })) }).parse(await control("slack", "users"));
  const user = body.users.find((u) => u.id === slackUserId);
  return Boolean(user?.email) && user!.email.toLowerCase() === email.toLowerCase();
}

/** The value of the "Yes, this is me" button on a message, if it has one. */
function confirmValue(message: SandboxMessage): string | undefined {
  for (const block of message.blocks ?? []) {
    const elements = Array.isArray(block.elements) ? (block.elements as { action_id?: unknown; value?: unknown }[]) : [];
    const button = elements.find((e) => e?.action_id === IDENTITY_ACTION.confirm);
    if (button && typeof button.value === "string") return button.value;
  }
  return undefined;
}

export interface SandboxDirectMessages {
  /** The Slack user the messages were sent to. */
  slackUserId: string;
  /** Whether the stand-in plays that Slack user for this person (its email is theirs). */
  answerable: boolean;
  messages: SandboxMessage[];
}

/**
 * The direct message that asks the person's Slack user to confirm their pending link request, and
 * nothing else sent to that Slack user: another person's request is not theirs to see.
 */
export async function slackSandboxDirectMessages(actor: Actor): Promise<SandboxDirectMessages | null> {
  const pending = await pendingLinkRequest(actor);
  if (!pending) return null;
  const [answerable, body] = await Promise.all([
    standInUserIsTheirs(pending.slackUserId, pending.user.email),
    control("slack", `messages?dm=${encodeURIComponent(pending.slackUserId)}`).then((b) => z.object({ messages: z.array(messageSchema) }).parse(b)),
  ]);
  return { slackUserId: pending.slackUserId, answerable, messages: body.messages.filter((m) => confirmValue(m) === pending.id).reverse() };
}

/**
 * The replies the app sent to this person's own clicks, as their Slack user sees them: the
 * linked one, or while a link waits for confirmation the one the stand-in plays for them.
 * Ephemeral messages are for the clicker only, so another person's never show here.
 */
export async function slackSandboxReplies(actor: Actor): Promise<{ slackUserId: string | null; replies: { ts: string; text: string; receivedAt: string }[] }> {
  const me = await db().user.findUnique({ where: { id: actor.userId }, select: { slackUserId: true } });
  let slackUserId = me?.slackUserId ?? null;
  if (!slackUserId) {
    const pending = await pendingLinkRequest(actor);
    if (pending && (await standInUserIsTheirs(pending.slackUserId, pending.user.email))) slackUserId = pending.slackUserId;
  }
  if (!slackUserId) return { slackUserId: null, replies: [] };
  const body = z
    .object({ responses: z.array(z.looseObject({ ts: z.string(), user: z.string(), ephemeral: z.boolean(), body: z.unknown(), receivedAt: z.string() })) })
    .parse(await control("slack", `responses?user=${encodeURIComponent(slackUserId)}`));
  const replies = body.responses
    .filter((r) => r.user === slackUserId && r.ephemeral)
    .map((r) => ({ ts: r.ts, text: typeof r.body === "object" && r.body && "text" in r.body ? String(r.body.text) : String(r.body), receivedAt: r.receivedAt }))
    .reverse();
  return { slackUserId, replies };
}

export const clickInputSchema = z.object({
  channel: z.string().min(1),
  ts: z.string().min(1),
  actionId: z.string().min(1),
  value: z.string().max(500).optional(),
  inputs: z.record(z.string(), z.record(z.string(), z.string().max(3000))).optional(),
});

async function clickAs(input: z.infer<typeof clickInputSchema>, userId: string) {
  const result = z
    .looseObject({ status: z.number(), error: z.string().optional() })
    .parse(await control("slack", "click", { method: "POST", body: JSON.stringify({ ...input, userId }) }));
  if (result.status !== 200) throw invalid(`The app answered Slack's click with ${result.status || "no answer"}${result.error ? `: ${result.error}` : ""}.`);
  return { ok: true };
}

/**
 * Answers the person's own link confirmation, as the Slack user it was sent to: any role may, since
 * it is their own account, but only on the message of their own pending request, and only as the
 * Slack user whose email is theirs.
 */
async function confirmMyLink(actor: Actor, input: z.infer<typeof clickInputSchema>) {
  const dm = await slackSandboxDirectMessages(actor);
  const message = dm?.messages.find((m) => m.channel === input.channel && m.ts === input.ts);
  if (!dm || !message || input.value !== confirmValue(message)) throw forbidden("This confirmation is not for your pending link request: only the person it was sent to can answer it.");
  if (!dm.answerable) throw forbidden(`The sandbox answers Slack for you only as the Slack user with your email. ${dm.slackUserId} is someone else's, so only they can confirm it.`);
  return clickAs(input, dm.slackUserId);
}

/** Clicks a Slack button as the signed-in person's linked Slack user, exactly as Slack would deliver it. */
export async function clickSlackButton(actor: Actor, input: unknown) {
  const parsed = clickInputSchema.safeParse(input);
  if (parsed.success && parsed.data.actionId === IDENTITY_ACTION.confirm) return confirmMyLink(actor, parsed.data);
  if (actor.role === "VIEWER") throw forbidden("Viewers look at the sandbox; they do not click in it.");
  if (!can(actor.role, "sandbox:use")) throw forbidden("Your role does not use the sandbox: here you can only confirm your own Slack link.");
  if (!parsed.success) throw invalid("Say which message and button to click.");
  // A direct message is answered by the person it was sent to, through the confirmation above.
  if (parsed.data.channel.startsWith("D")) throw forbidden("This direct message was not sent to you.");
  const me = await db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { slackUserId: true } });
  if (!me.slackUserId) throw forbidden("Your account is not linked to a Slack user: link it from your Account page first.");
  return clickAs(parsed.data, me.slackUserId);
}

/** Slack user ids to display names, for rendering mentions. */
export async function slackSandboxUsers(): Promise<Record<string, string>> {
  const body = z.object({ users: z.array(z.looseObject({ id: z.string(), realName: z.string() })) }).parse(await control("slack", "users"));
  return Object.fromEntries(body.users.map((u) => [u.id, u.realName]));
}
